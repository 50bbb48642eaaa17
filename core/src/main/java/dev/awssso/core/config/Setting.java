package dev.awssso.core.config;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * A value and where it was set, for messages.
 *
 * @param value the value, never blank
 * @param origin where it was set, such as {@code aws.sso.role-name} or
 *     {@code sso_role_name in [profile dev] of /home/u/.aws/config}
 */
record Setting(String value, String origin) {

    /**
     * The value of an application property, or {@code null} when it is not set.
     */
    static @Nullable Setting ofProperty(ConfigKey key, @Nullable String value) {
        return (value != null) ? new Setting(value, key.property()) : null;
    }

    /**
     * The value of a key in a section of the config file, or {@code null} when the section is absent or the key
     * is missing or blank.
     */
    static @Nullable Setting ofSection(@Nullable Profile section, String header, Path file, ConfigKey key) {
        if (section == null) {
            return null;
        }
        String value = section.property(key.key()).filter((candidate) -> !candidate.isBlank()).orElse(null);
        return (value != null) ? new Setting(value, key.key() + " in " + header + " of " + file) : null;
    }

    /**
     * The first of two settings that is set.
     */
    static @Nullable Setting first(@Nullable Setting preferred, @Nullable Setting fallback) {
        return (preferred != null) ? preferred : fallback;
    }
}
