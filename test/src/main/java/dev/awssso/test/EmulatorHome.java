package dev.awssso.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.awssso.emulator.IdentityCenterEmulator;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.FileSystemUtils;

/**
 * A running {@link IdentityCenterEmulator} set up as an {@link AutoConfigureAwsSsoEmulator} asks, with a private
 * home directory holding its token cache, and the properties that point the starter at both.
 */
final class EmulatorHome implements AutoCloseable {

    private final IdentityCenterEmulator emulator;

    private final Path home;

    private final Map<String, Object> properties;

    private EmulatorHome(IdentityCenterEmulator emulator, Path home, Map<String, Object> properties) {
        this.emulator = emulator;
        this.home = home;
        this.properties = properties;
    }

    /**
     * Starts an emulator with the lifetimes and account of {@code settings}, signed in unless they say otherwise.
     * @throws IllegalArgumentException if a lifetime is not a duration, or a parameter or secret not name=value
     * @throws UncheckedIOException if the home directory cannot be created or the token cache written
     */
    static EmulatorHome start(AutoConfigureAwsSsoEmulator settings) {
        Path home = createHome();
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
        try {
            configure(emulator, settings);
            Path cacheDir = home.resolve(".aws/sso/cache");
            if (settings.signedIn()) {
                emulator.signIn(settings.sessionName()).writeCacheFile(cacheDir);
            }
            return new EmulatorHome(emulator, home, properties(emulator, settings, home, cacheDir));
        }
        catch (RuntimeException ex) {
            emulator.close();
            FileSystemUtils.deleteRecursively(home.toFile());
            throw ex;
        }
    }

    IdentityCenterEmulator emulator() {
        return this.emulator;
    }

    /** The starter's settings, and the variables it reads the shared config from, as property names and values. */
    Map<String, Object> properties() {
        return this.properties;
    }

    /** Stops the emulator and deletes the home directory. */
    @Override
    public void close() {
        this.emulator.close();
        FileSystemUtils.deleteRecursively(this.home.toFile());
    }

    private static void configure(IdentityCenterEmulator emulator, AutoConfigureAwsSsoEmulator settings) {
        if (!settings.tokenLifetime().isEmpty()) {
            emulator.setTokenLifetime(duration("tokenLifetime", settings.tokenLifetime()));
        }
        if (!settings.credentialsLifetime().isEmpty()) {
            emulator.setCredentialsLifetime(duration("credentialsLifetime", settings.credentialsLifetime()));
        }
        if (!settings.sessionDuration().isEmpty()) {
            emulator.setSessionDuration(duration("sessionDuration", settings.sessionDuration()));
        }
        if (!IdentityCenterEmulator.DEFAULT_ACCOUNT_ID.equals(settings.accountId())) {
            emulator.addAccount(settings.accountId(), "Test account", settings.roleName());
        }
        for (String parameter : settings.parameters()) {
            String[] nameAndValue = nameAndValue("parameters", parameter);
            emulator.parameterStore().putString(nameAndValue[0], nameAndValue[1]);
        }
        for (String secret : settings.secrets()) {
            String[] nameAndValue = nameAndValue("secrets", secret);
            emulator.secretsManager().putSecretString(nameAndValue[0], nameAndValue[1]);
        }
    }

    private static String[] nameAndValue(String attribute, String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0) {
            // the entry is not repeated: it may hold a secret
            throw new IllegalArgumentException("@AutoConfigureAwsSsoEmulator(" + attribute + ") has an entry that is"
                    + " not name=value: write each as \"/config/my-app/greeting=hello\"");
        }
        return new String[] { entry.substring(0, equals), entry.substring(equals + 1) };
    }

    private static Duration duration(String attribute, String value) {
        try {
            return DurationStyle.detectAndParse(value);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("@AutoConfigureAwsSsoEmulator(" + attribute + " = \"" + value
                    + "\") is not a duration: write it as 30m, 2h or PT30M", ex);
        }
    }

    private static Map<String, Object> properties(IdentityCenterEmulator emulator,
            AutoConfigureAwsSsoEmulator settings, Path home, Path cacheDir) {
        String endpoint = emulator.endpoint().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        // the starter reads ~/.aws through these, as properties before the process environment
        properties.put("HOME", home.toString());
        properties.put("AWS_PROFILE", "");
        properties.put("AWS_CONFIG_FILE", "");
        properties.put("aws.sso.profile", "");
        properties.put("aws.sso.config-file", "");
        properties.put("aws.sso.sso-session", settings.sessionName());
        properties.put("aws.sso.start-url", emulator.startUrl());
        properties.put("aws.sso.sso-region", emulator.ssoRegion());
        properties.put("aws.sso.account-id", settings.accountId());
        properties.put("aws.sso.role-name", settings.roleName());
        properties.put("aws.sso.region", settings.region());
        properties.put("aws.sso.cache-dir", cacheDir.toString());
        properties.put("aws.sso.endpoint.oidc", endpoint);
        properties.put("aws.sso.endpoint.portal", endpoint);
        properties.put("aws.sso.endpoint.sts", endpoint);
        properties.put("spring.cloud.aws.parameterstore.endpoint", endpoint);
        properties.put("spring.cloud.aws.secretsmanager.endpoint", endpoint);
        return properties;
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("aws-sso-test");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a home directory for the Identity Center emulator", ex);
        }
    }

}
