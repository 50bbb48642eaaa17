package dev.awssso.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.profiles.Profile;

/**
 * Notices when the profile that settings were read from names another account or role than the one in use: the
 * engine keeps serving the role it started with (the AWS CLI already uses the new one), so the change is logged
 * once and shown as a warning until the application restarts or the file says the old role again.
 * {@link #checkIfChanged()} looks at the file's modification time, size and identity, and reads it again only when
 * they changed; settings from application properties alone are not watched.
 */
public final class ConfigChangeWatch {

    private static final Logger logger = LoggerFactory.getLogger(ConfigChangeWatch.class);

    private static final String ACCOUNT_KEY = "sso_account_id";

    private static final String ROLE_KEY = "sso_role_name";

    private final SsoSettings settings;

    private final @Nullable Path file;

    /** Whether the account and the role in use are the profile's, and not set by properties. */
    private final boolean accountFromProfile;

    private final boolean roleFromProfile;

    /** Touched by the checking thread only. */
    private @Nullable FileStamp stamp;

    private volatile @Nullable String warning;

    private ConfigChangeWatch(SsoSettings settings, @Nullable Path file, boolean accountFromProfile,
            boolean roleFromProfile, @Nullable FileStamp stamp) {
        this.settings = settings;
        this.file = file;
        this.accountFromProfile = accountFromProfile;
        this.roleFromProfile = roleFromProfile;
        this.stamp = stamp;
    }

    /** Watches the profile {@code settings} were read from, as it is now. */
    public static ConfigChangeWatch of(SsoSettings settings) {
        SettingsSource source = settings.source();
        if (!source.fromProfile() || source.configFile() == null) {
            return new ConfigChangeWatch(settings, null, false, false, null);
        }
        Path file = source.configFile();
        FileStamp stamp = FileStamp.of(file);
        Profile profile = readProfile(file, source.profileName());
        return new ConfigChangeWatch(settings, file,
                profile != null && settings.accountId().equals(profile.property(ACCOUNT_KEY).orElse(null)),
                profile != null && settings.roleName().equals(profile.property(ROLE_KEY).orElse(null)), stamp);
    }

    /**
     * Reads the profile again when the file changed since the last check, and logs and remembers a changed account
     * or role. Not for the credentials hot path: it may read the file.
     */
    public void checkIfChanged() {
        if (this.file == null || !(this.accountFromProfile || this.roleFromProfile)) {
            return;
        }
        FileStamp now = FileStamp.of(this.file);
        if (Objects.equals(now, this.stamp)) {
            return;
        }
        this.stamp = now;
        Profile profile = readProfile(this.file, this.settings.source().profileName());
        if (profile == null) {
            // gone, unreadable or half-written: what the next check reads counts
            return;
        }
        List<String> changes = new ArrayList<>();
        String account = profile.property(ACCOUNT_KEY).orElse(null);
        if (this.accountFromProfile && account != null && !account.equals(this.settings.accountId())) {
            changes.add("account " + this.settings.accountId() + " → " + account);
        }
        String role = profile.property(ROLE_KEY).orElse(null);
        if (this.roleFromProfile && role != null && !role.equals(this.settings.roleName())) {
            changes.add("role '" + this.settings.roleName() + "' → '" + role + "'");
        }
        String changed = changes.isEmpty() ? null : "The " + this.settings.source() + " changed ("
                + String.join(", ", changes) + "), but the application keeps using role '" + this.settings.roleName()
                + "' in account " + this.settings.accountId() + " until it restarts: restart it to apply the change.";
        if (changed != null && !changed.equals(this.warning)) {
            logger.warn(changed);
        }
        this.warning = changed;
    }

    /** The change of account or role that waits for a restart, in words, if any. */
    public Optional<String> warning() {
        return Optional.ofNullable(this.warning);
    }

    private static @Nullable Profile readProfile(Path file, @Nullable String profileName) {
        SharedConfig config = new SharedConfigReader().read(file).config();
        return (config != null && profileName != null) ? config.profile(profileName).orElse(null) : null;
    }

    /** What tells that a file changed without reading it: its modification time, size and identity (inode). */
    private record FileStamp(FileTime modified, long size, @Nullable Object key) {

        /** The stamp of {@code file}, or {@code null} when it cannot be read. */
        static @Nullable FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
            }
            catch (IOException ex) {
                return null;
            }
        }
    }
}
