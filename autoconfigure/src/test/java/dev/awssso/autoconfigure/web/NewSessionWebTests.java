package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.awssso.autoconfigure.SsoConfiguration;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code POST /actuator/awssso/login} with {@code "newSession": true} near the end of a session: it signs out
 * first (the portal's {@code Logout} ends the old session, its token file goes), so that the session clock
 * starts again with the new sign-in instead of keeping the old end. The engine and the emulator share a clock
 * that starts seven and a half hours ago and is then moved to now.
 */
@SpringBootTest(classes = { WebTestApplication.class, NewSessionWebTests.EngineOnTheTestClock.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.endpoint.awssso.access=unrestricted")
class NewSessionWebTests {

    private static final Duration SESSION_DURATION = Duration.ofHours(8);

    private static final MovableClock clock = new MovableClock(
            Instant.now().minus(SESSION_DURATION).plus(Duration.ofMinutes(30)));

    private static final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(clock);

    private static final Path home = WebTestApplication.newHome();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        WebTestApplication.register(registry, emulator, home);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void aNewSessionSignsOutFirstAndTheSessionClockStartsAgain() throws IOException {
        ActuatorClient actuator = new ActuatorClient(this.port);
        emulator.setTokenLifetime(SESSION_DURATION);
        // the clock stands still while the device code is polled
        emulator.setSlowDownEnforced(false);
        EmulatedSession first = emulator.signIn(WebTestApplication.SESSION);
        Path cacheFile = writeCacheFileSignedInAt(first, clock.instant());
        await().atMost(Duration.ofSeconds(10)).until(() -> state(actuator), "ACTIVE"::equals);
        clock.set(Instant.now());
        JsonNode ending = ActuatorClient.json(actuator.get("/actuator/awssso"));
        assertThat(ending.get("state").asString()).isEqualTo("EXPIRING");
        assertThat(Instant.parse(ending.get("session").get("endsAt").asString())).isEqualTo(first.sessionEndsAt());
        long logouts = emulator.callCount(Operation.LOGOUT);

        JsonNode started = ActuatorClient.json(actuator.post("/actuator/awssso/login",
                "{\"flow\":\"device-code\",\"newSession\":true}"));

        assertThat(started.get("status").get("state").asString()).as("signed out first").isEqualTo("LOGIN_PENDING");
        assertThat(emulator.callCount(Operation.LOGOUT)).as("Logout calls").isEqualTo(logouts + 1);
        assertThat(cacheFile).doesNotExist();
        try (SsoClient portal = SsoClient.builder()
            .region(Region.of(emulator.ssoRegion()))
            .endpointOverride(emulator.endpoint())
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            assertThatExceptionOfType(UnauthorizedException.class).as("the old session has ended")
                .isThrownBy(() -> portal.listAccounts((request) -> request.accessToken(first.accessToken())));
        }

        emulator.approveDevice(started.get("signIn").get("userCode").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> state(actuator), "ACTIVE"::equals);
        Instant newEnd = Instant.parse(ActuatorClient.json(actuator.get("/actuator/awssso"))
            .get("session")
            .get("endsAt")
            .asString());
        assertThat(newEnd).as("the session duration from the new sign-in")
            .isCloseTo(clock.instant().plus(SESSION_DURATION), within(1, ChronoUnit.MINUTES))
            .isCloseTo(emulator.latestSession().sessionEndsAt(), within(1, ChronoUnit.MINUTES));
    }

    private static String state(ActuatorClient actuator) {
        return ActuatorClient.json(actuator.get("/actuator/awssso")).get("state").asString();
    }

    /**
     * Writes the token cache file of {@code session} as last modified at {@code signedInAt}, the time the engine
     * dates a sign-in by. It appears at once, with that time, so that the engine never reads it otherwise.
     */
    private static Path writeCacheFileSignedInAt(EmulatedSession session, Instant signedInAt) throws IOException {
        Path staged = session.writeCacheFile(Files.createTempDirectory(home, "staging"));
        Files.setLastModifiedTime(staged, FileTime.from(signedInAt));
        assumeTrue(Files.getLastModifiedTime(staged).toMillis() == signedInAt.toEpochMilli(),
                "needs file modification times in milliseconds: the engine dates a sign-in by its token file");
        Path cacheDir = Files.createDirectories(WebTestApplication.cacheDir(home));
        return Files.move(staged, cacheDir.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The engine on the test's clock; the auto-configured one backs off. */
    @Configuration(proxyBeanMethods = false)
    static class EngineOnTheTestClock {

        @Bean
        SsoEngine ssoEngine(SsoConfiguration configuration) {
            EngineOptions options = EngineOptions.builder(WebTestApplication.cacheDir(home))
                .endpoints(SsoEndpoints.all(emulator.endpoint()))
                .checkInterval(Duration.ofMillis(50))
                .build();
            return SsoEngine.start(configuration.settings().orElseThrow(), options, clock);
        }
    }
}
