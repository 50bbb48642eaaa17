package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.awssso.emulator.IdentityCenterEmulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A web application with the starter and the actuator, pointed at an emulator and a private home directory. */
@SpringBootConfiguration
@EnableAutoConfiguration
class WebTestApplication {

    static final String SESSION = "corp";

    /** Starts an emulator with short lifetimes, for one test class. */
    static IdentityCenterEmulator startEmulator() {
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
        emulator.setTokenLifetime(Duration.ofMinutes(30));
        emulator.setCredentialsLifetime(Duration.ofMinutes(30));
        return emulator;
    }

    static Path newHome() {
        try {
            return Files.createTempDirectory("awssso-home");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path cacheDir(Path home) {
        return home.resolve(".aws/sso/cache");
    }

    /** The properties that point the application at {@code emulator} and {@code home}. */
    static Map<String, String> properties(IdentityCenterEmulator emulator, Path home) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("HOME", home.toString());
        properties.put("AWS_PROFILE", "");
        properties.put("AWS_CONFIG_FILE", "");
        properties.put("aws.sso.sso-session", SESSION);
        properties.put("aws.sso.start-url", emulator.startUrl());
        properties.put("aws.sso.sso-region", emulator.ssoRegion());
        properties.put("aws.sso.account-id", "111122223333");
        properties.put("aws.sso.role-name", "ReadOnly");
        properties.put("aws.sso.region", "eu-west-1");
        properties.put("aws.sso.check-interval", "50ms");
        properties.put("aws.sso.endpoint.oidc", emulator.endpoint().toString());
        properties.put("aws.sso.endpoint.portal", emulator.endpoint().toString());
        properties.put("aws.sso.endpoint.sts", emulator.endpoint().toString());
        properties.put("management.endpoints.web.exposure.include", "health,awssso");
        properties.put("management.endpoint.health.show-details", "always");
        return properties;
    }

    static void register(DynamicPropertyRegistry registry, IdentityCenterEmulator emulator, Path home) {
        properties(emulator, home).forEach((name, value) -> registry.add(name, () -> value));
    }
}
