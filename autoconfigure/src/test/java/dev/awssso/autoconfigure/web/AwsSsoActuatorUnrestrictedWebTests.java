package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The actuator's write operation, once the user grants unrestricted access. */
@EmulatedWebTest
@TestPropertySource(properties = "management.endpoint.awssso.access=unrestricted")
class AwsSsoActuatorUnrestrictedWebTests {

    @Autowired
    IdentityCenterEmulator emulator;

    @Value("${HOME}")
    Path home;

    @LocalServerPort
    int port;

    @Test
    void refreshRefreshesTheTokenAndTheCredentialsNow() {
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));
        long tokenRefreshes = emulator.callCount(Operation.CREATE_TOKEN);
        long credentialFetches = emulator.callCount(Operation.GET_ROLE_CREDENTIALS);

        HttpResponse<String> response = new ActuatorClient(this.port).post("/actuator/awssso/refresh");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = ActuatorClient.json(response);
        assertThat(result.get("succeeded").asBoolean()).as(result.get("message").asString()).isTrue();
        assertThat(result.get("status").get("state").asString()).isEqualTo("ACTIVE");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(tokenRefreshes + 1);
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(credentialFetches + 1);
    }

    @Test
    void signsInWithADeviceCodeAndOutAgain() {
        ActuatorClient actuator = new ActuatorClient(this.port);
        assertThat(actuator.post("/actuator/awssso/logout").statusCode()).isEqualTo(200);

        JsonNode started = ActuatorClient.json(actuator.post("/actuator/awssso/login", "{\"flow\":\"device-code\"}"));
        assertThat(started.get("succeeded").asBoolean()).as(started.get("message").asString()).isTrue();
        JsonNode login = started.get("signIn");
        assertThat(started.get("status").get("state").asString()).isEqualTo("LOGIN_PENDING");
        assertThat(login.get("flow").asString()).isEqualTo("DEVICE_CODE");
        assertThat(login.get("url").asString()).startsWith(emulator.endpoint().toString());
        assertThat(ActuatorClient.json(actuator.post("/actuator/awssso/login")).get("signIn")
            .get("userCode")
            .asString()).as("the pending sign-in again").isEqualTo(login.get("userCode").asString());
        String status = actuator.get("/actuator/awssso").body();
        assertThat(status).as("the read-only status").contains("LOGIN_PENDING")
            .doesNotContain(login.get("userCode").asString());
        assertThat(actuator.get("/actuator/health/awssso").body()).doesNotContain(login.get("userCode").asString());

        emulator.approveDevice(login.get("userCode").asString());
        await().atMost(Duration.ofSeconds(10))
            .until(() -> ActuatorClient.json(actuator.get("/actuator/awssso")).get("state").asString(), "ACTIVE"::equals);

        long logouts = emulator.callCount(Operation.LOGOUT);
        JsonNode loggedOut = ActuatorClient.json(actuator.post("/actuator/awssso/logout"));
        assertThat(loggedOut.get("status").get("state").asString()).isEqualTo("SIGNED_OUT");
        assertThat(emulator.callCount(Operation.LOGOUT)).as("Logout calls").isEqualTo(logouts + 1);
    }

    @Test
    void aPendingPkceSignInCanBeCancelled() {
        ActuatorClient actuator = new ActuatorClient(this.port);
        assertThat(actuator.post("/actuator/awssso/logout").statusCode()).isEqualTo(200);
        JsonNode started = ActuatorClient.json(actuator.post("/actuator/awssso/login", "{\"flow\":\"pkce\"}"));
        assertThat(started.get("message").asString()).contains("/authorize?");
        assertThat(started.get("signIn").get("url").asString()).contains("/authorize?");
        assertThat(started.get("status").get("login").has("url")).as("the page is for whoever started it").isFalse();

        JsonNode cancelled = ActuatorClient.json(actuator.post("/actuator/awssso/cancel"));

        assertThat(cancelled.get("succeeded").asBoolean()).as(cancelled.get("message").asString()).isTrue();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ActuatorClient.json(actuator.get("/actuator/awssso")).get("state").asString(),
                    "SIGNED_OUT"::equals);
        assertThat(actuator.post("/actuator/awssso/login", "{\"flow\":\"carrier-pigeon\"}").statusCode())
            .isEqualTo(400);
    }

    @Test
    void unknownActionsAreABadRequest() {
        assertThat(new ActuatorClient(this.port).post("/actuator/awssso/unknown").statusCode()).isEqualTo(400);
    }
}
