package dev.awssso.core.config;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The file locations the AWS CLI and SDKs use, with {@code ~} resolved the way they resolve it: the {@code HOME}
 * environment variable first, then the JVM's {@code user.home}.
 */
public final class AwsPaths {

    private final Map<String, String> environment;

    private final String userHome;

    /**
     * Creates paths for the given environment.
     * @param environment environment variables, such as {@link System#getenv()}
     * @param userHome the value of the {@code user.home} system property
     */
    public AwsPaths(Map<String, String> environment, String userHome) {
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    /**
     * Paths for the environment variables and {@code user.home} of this JVM.
     */
    public static AwsPaths fromSystem() {
        return new AwsPaths(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * The home directory: {@code HOME} when set, else {@code user.home}.
     */
    public Path homeDirectory() {
        String home = environmentValue("HOME");
        return Path.of((home != null) ? home : this.userHome);
    }

    /**
     * The shared config file: {@code AWS_CONFIG_FILE} (with {@code ~} expanded) when set, else
     * {@code ~/.aws/config}.
     */
    public Path configFile() {
        String configFile = environmentValue("AWS_CONFIG_FILE");
        return (configFile != null) ? expand(configFile) : homeDirectory().resolve(".aws").resolve("config");
    }

    /**
     * The shared credentials file: {@code AWS_SHARED_CREDENTIALS_FILE} (with {@code ~} expanded) when set, else
     * {@code ~/.aws/credentials}.
     */
    public Path credentialsFile() {
        String credentialsFile = environmentValue("AWS_SHARED_CREDENTIALS_FILE");
        return (credentialsFile != null) ? expand(credentialsFile)
                : homeDirectory().resolve(".aws").resolve("credentials");
    }

    /**
     * The directory of the SSO token cache shared with the AWS CLI: {@code ~/.aws/sso/cache}.
     */
    public Path tokenCacheDirectory() {
        return homeDirectory().resolve(".aws").resolve("sso").resolve("cache");
    }

    /**
     * Expands a user-given path: {@code ~} and {@code ~/...} are resolved against the home directory, and a
     * relative path against the working directory. {@code ~user} forms are not expanded, as in the AWS SDK.
     * @param path the path as the user wrote it
     * @return the absolute path
     */
    public Path expand(String path) {
        if (path.equals("~")) {
            return homeDirectory();
        }
        if (path.startsWith("~/") || path.startsWith("~" + File.separator)) {
            return Path.of(homeDirectory() + path.substring(1));
        }
        return Path.of(path).toAbsolutePath();
    }

    private @Nullable String environmentValue(String name) {
        String value = this.environment.get(name);
        return (value == null || value.isBlank()) ? null : value;
    }
}
