package dev.awssso.core.config;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link SsoSettings} came from: application properties alone, or a profile of a shared config file
 * (possibly overridden in part by properties).
 *
 * @param profileName profile of the config file that was read, or {@code null} when only properties were used
 * @param configFile config file that was read, or {@code null} when only properties were used
 */
public record SettingsSource(@Nullable String profileName, @Nullable Path configFile) {

    /** Settings taken from application properties only. */
    public static final SettingsSource PROPERTIES = new SettingsSource(null, null);

    /** Whether a profile of a config file contributed to the settings. */
    public boolean fromProfile() {
        return this.profileName != null;
    }

    @Override
    public String toString() {
        return fromProfile() ? "profile '" + this.profileName + "' in " + this.configFile : "application properties";
    }
}
