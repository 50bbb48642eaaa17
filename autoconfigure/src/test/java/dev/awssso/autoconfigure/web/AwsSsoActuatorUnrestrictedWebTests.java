package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator's write operation, once the user grants unrestricted access. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.awssso.access=unrestricted")
class AwsSsoActuatorUnrestrictedWebTests {

    private static final IdentityCenterEmulator emulator = WebTestApplication.startEmulator();

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
    void refreshRefreshesTheTokenAndTheCredentialsNow() {
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));

        HttpResponse<String> response = new ActuatorClient(this.port).post("/actuator/awssso/refresh");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = ActuatorClient.json(response);
        assertThat(result.get("succeeded").asBoolean()).isTrue();
        assertThat(result.get("status").get("state").asString()).isEqualTo("ACTIVE");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
    }

    @Test
    void unknownActionsAreABadRequest() {
        assertThat(new ActuatorClient(this.port).post("/actuator/awssso/unknown").statusCode()).isEqualTo(400);
    }
}
