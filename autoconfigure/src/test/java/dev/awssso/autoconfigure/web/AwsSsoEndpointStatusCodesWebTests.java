package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** Status codes that scripts can rely on, and a health that is up only while calls can succeed. */
@EmulatedWebTest
@TestPropertySource(properties = "management.endpoint.awssso.access=unrestricted")
@ExtendWith(OutputCaptureExtension.class)
class AwsSsoEndpointStatusCodesWebTests {

    @Autowired
    IdentityCenterEmulator emulator;

    @Autowired
    SsoEngine engine;

    @LocalServerPort
    int port;

    @Autowired
    AwsCredentialsProvider credentials;

    private ActuatorClient actuator;

    @BeforeEach
    void signOut() throws Exception {
        this.actuator = new ActuatorClient(this.port);
        Path cacheDir = this.engine.tokens().cacheFile().path().getParent();
        if (Files.isDirectory(cacheDir)) {
            try (var files = Files.list(cacheDir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> state(), "SIGNED_OUT"::equals);
    }

    @AfterEach
    void clearFaults() {
        this.emulator.clearFaults();
    }

    @Test
    void whileNobodyIsSignedInReadsAndActionsAnswer409WithTheSignInCommand(CapturedOutput output) {
        HttpResponse<String> accounts = this.actuator.get("/actuator/awssso/accounts");
        assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(409);
        assertThat(ActuatorClient.json(accounts).get("error").asString()).contains("aws sso login");

        HttpResponse<String> identity = this.actuator.get("/actuator/awssso/identity");
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(409);

        HttpResponse<String> refresh = this.actuator.post("/actuator/awssso/refresh");
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(409);
        JsonNode result = ActuatorClient.json(refresh);
        assertThat(result.get("succeeded").asBoolean()).isFalse();
        assertThat(result.get("outcome").asString()).isEqualTo("NOT_SIGNED_IN");
        assertThat(output).contains("The awssso actuator action 'refresh' did not succeed (NOT_SIGNED_IN)");

        HttpResponse<String> cancel = this.actuator.post("/actuator/awssso/cancel");
        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(ActuatorClient.json(cancel).get("message").asString()).isEqualTo("No sign-in was pending.");
    }

    @Test
    void aSignInThatAwsRefusesToStartIs502AndLogged(CapturedOutput output) {
        this.emulator.injectFault(Operation.START_DEVICE_AUTHORIZATION, Fault.status(400, "InvalidClientException"));
        HttpResponse<String> login = this.actuator.post("/actuator/awssso/login", "{\"flow\":\"device-code\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(502);
        assertThat(ActuatorClient.json(login).get("succeeded").asBoolean()).isFalse();
        assertThat(output).contains("The awssso actuator action 'login' did not succeed (FAILED)");
    }

    @Test
    void withAwsUnreachableAndNoCredentialsHeldTheHealthIsDownAndComesBackUpOnItsOwn() {
        this.emulator.signIn(WebTestApplication.SESSION).writeCacheFile(this.engine.tokens().cacheFile().path().getParent());
        await().atMost(Duration.ofSeconds(10)).until(() -> state(), "ACTIVE"::equals);
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));
        assertThatException().isThrownBy(() -> this.credentials.resolveCredentials());

        HttpResponse<String> health = this.actuator.get("/actuator/health/awssso");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode details = ActuatorClient.json(health).get("details");
        assertThat(details.get("state").asString()).isEqualTo("UNAVAILABLE");
        assertThat(details.get("action").asString()).contains("no credentials can be served");
        HttpResponse<String> identity = this.actuator.get("/actuator/awssso/identity");
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(503);

        this.emulator.clearFaults();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.actuator.get("/actuator/health/awssso").statusCode() == 200);
        assertThat(this.actuator.get("/actuator/awssso/identity").statusCode()).isEqualTo(200);
    }

    private String state() {
        return ActuatorClient.json(this.actuator.get("/actuator/awssso")).get("state").asString();
    }
}
