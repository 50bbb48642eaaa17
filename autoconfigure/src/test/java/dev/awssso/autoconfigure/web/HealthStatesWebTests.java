package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/health/awssso} over HTTP in each state: DOWN (503) while signed out and while the token cache
 * cannot be read, UP while signed in; and, without {@code management.health.awssso.verify-identity}, no check calls AWS.
 */
@EmulatedWebTest
class HealthStatesWebTests {

    @Autowired
    IdentityCenterEmulator emulator;

    @Value("${HOME}")
    Path home;

    @LocalServerPort
    int port;

    @Autowired
    SsoEngine engine;

    private ActuatorClient actuator;

    private Path cacheFile;

    @BeforeEach
    void signedOut() throws IOException {
        this.actuator = new ActuatorClient(this.port);
        this.cacheFile = this.engine.tokens().cacheFile().path();
        Files.deleteIfExists(this.cacheFile);
        awaitState(SessionState.SIGNED_OUT);
    }

    @Test
    void isDownWhileSignedOut() {
        HttpResponse<String> response = this.actuator.get("/actuator/health/awssso");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = ActuatorClient.json(response);
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("details").get("state").asString()).isEqualTo("SIGNED_OUT");
        assertThat(health.get("details").get("action").asString()).contains("aws sso login --sso-session corp");
        assertThat(this.actuator.get("/actuator/health").statusCode()).isEqualTo(503);
    }

    @Test
    void isDownWhileTheTokenCacheCannotBeRead() throws IOException {
        Files.createDirectories(this.cacheFile.getParent());
        Files.writeString(this.cacheFile, "{\"accessToken\": ");
        awaitState(SessionState.UNUSABLE);

        HttpResponse<String> response = this.actuator.get("/actuator/health/awssso");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = ActuatorClient.json(response);
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("details").get("state").asString()).isEqualTo("UNUSABLE");
        assertThat(health.get("details").get("action").asString()).startsWith("Fix or remove the token cache file");
        assertThat(health.get("details").get("warnings").toString()).contains(this.cacheFile.toString());
        assertThat(this.actuator.get("/actuator/health").statusCode()).isEqualTo(503);
    }

    @Test
    void isUpWhileSignedInAndChecksMakeNoNetworkCall() {
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));
        awaitState(SessionState.ACTIVE);
        this.engine.credentialsProvider().resolveCredentials();
        Map<Operation, Long> callsBefore = callCounts();

        for (int check = 0; check < 3; check++) {
            HttpResponse<String> response = this.actuator.get("/actuator/health/awssso");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ActuatorClient.json(response).get("details").get("state").asString()).isEqualTo("ACTIVE");
            assertThat(this.actuator.get("/actuator/health").statusCode()).isEqualTo(200);
        }

        assertThat(callCounts()).as("calls to the emulator").isEqualTo(callsBefore);
    }

    private void awaitState(SessionState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.status().state(), state::equals);
    }

    private Map<Operation, Long> callCounts() {
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            counts.put(operation, emulator.callCount(operation));
        }
        return counts;
    }
}
