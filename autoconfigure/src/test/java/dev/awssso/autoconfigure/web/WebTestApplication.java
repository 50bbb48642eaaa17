package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    static void register(DynamicPropertyRegistry registry, IdentityCenterEmulator emulator, Path home) {
        registry.add("HOME", home::toString);
        registry.add("AWS_PROFILE", () -> "");
        registry.add("AWS_CONFIG_FILE", () -> "");
        registry.add("aws.sso.session-name", () -> SESSION);
        registry.add("aws.sso.start-url", emulator::startUrl);
        registry.add("aws.sso.sso-region", emulator::ssoRegion);
        registry.add("aws.sso.account-id", () -> "111122223333");
        registry.add("aws.sso.role-name", () -> "ReadOnly");
        registry.add("aws.sso.region", () -> "eu-west-1");
        registry.add("aws.sso.check-interval", () -> "50ms");
        registry.add("aws.sso.endpoint.oidc", () -> emulator.endpoint().toString());
        registry.add("aws.sso.endpoint.portal", () -> emulator.endpoint().toString());
        registry.add("aws.sso.endpoint.sts", () -> emulator.endpoint().toString());
        registry.add("management.endpoints.web.exposure.include", () -> "health,awssso");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }
}
