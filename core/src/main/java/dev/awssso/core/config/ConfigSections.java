package dev.awssso.core.config;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * The parts of the shared config file that settings are taken from.
 *
 * @param file the config file, whether or not it exists
 * @param profileName the selected profile, whether or not it exists
 * @param config the parsed file, or {@code null} when it is absent or could not be read
 * @param profile the profile that contributes settings, or {@code null} when none does
 */
record ConfigSections(Path file, String profileName, @Nullable SharedConfig config, @Nullable Profile profile) {

    /** The header of the selected profile's section: {@code [default]} or {@code [profile NAME]}. */
    String profileHeader() {
        return profileHeader(this.profileName);
    }

    /** The header of a profile's section: {@code [default]} or {@code [profile NAME]}. */
    static String profileHeader(String profileName) {
        return "default".equals(profileName) ? "[default]" : "[profile " + profileName + "]";
    }

    /** The header of an sso-session section. */
    static String ssoSessionHeader(String sessionName) {
        return "[sso-session " + sessionName + "]";
    }

    /** The value of a key in the contributing profile, or {@code null}. */
    @Nullable Setting profileSetting(ConfigKey key) {
        return Setting.ofSection(this.profile, profileHeader(), this.file, key);
    }

    /** The value of a key in an sso-session section, or {@code null} when the section or the key is missing. */
    @Nullable Setting sessionSetting(@Nullable Profile session, ConfigKey key) {
        return (session != null) ? Setting.ofSection(session, ssoSessionHeader(session.name()), this.file, key) : null;
    }

    /** The {@code [sso-session]} section of that name, or {@code null} when there is none. */
    @Nullable Profile ssoSession(String sessionName) {
        return (this.config != null) ? this.config.ssoSession(sessionName).orElse(null) : null;
    }
}
