package dev.awssso.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in demo mode, with lifetimes of seconds: {@code /identity} keeps answering through the starter's
 * credentials while they are refreshed in the background.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "sample.emulator.token-lifetime=4s", "sample.emulator.credentials-lifetime=3s",
                "aws.sso.check-interval=100ms", "sample.identity-log.enabled=false" })
class SampleApplicationTests {

    private static final String ASSUMED_ROLE_ARN = "arn:aws:sts::111122223333:assumed-role/ReadOnly/"
            + IdentityCenterEmulator.DEFAULT_USER_NAME;

    @LocalServerPort
    private int port;

    @Autowired
    private IdentityCenterEmulator emulator;

    @Test
    void identityIsServedAcrossCredentialRefreshes() throws InterruptedException {
        RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
        List<CallerIdentity> answers = new ArrayList<>();
        answers.add(identity(client));

        // asks until the answers came with three sets of role credentials and the token was refreshed once
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (answers.stream().map(CallerIdentity::credentialsExpireAt).distinct().count() < 3
                || this.emulator.callCount(Operation.CREATE_TOKEN) < 1) {
            assertThat(Instant.now()).as("three sets of role credentials and a token refresh by now").isBefore(deadline);
            Thread.sleep(100);
            answers.add(identity(client));
        }

        assertThat(answers).allSatisfy((answer) -> {
            assertThat(answer.account()).isEqualTo("111122223333");
            assertThat(answer.arn()).isEqualTo(ASSUMED_ROLE_ARN);
            assertThat(answer.userId()).startsWith("AROA").endsWith(":" + IdentityCenterEmulator.DEFAULT_USER_NAME);
        });
        assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).as("every answer came from the emulator")
            .isGreaterThanOrEqualTo(answers.size());
    }

    @Test
    void exposesHealthAndTheSessionStatusOnly() {
        RestClient client = RestClient.builder()
            .baseUrl("http://127.0.0.1:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
        assertThat(client.get().uri("/actuator/health").retrieve().toEntity(String.class))
            .satisfies((health) -> assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK))
            .satisfies((health) -> assertThat(health.getBody()).contains("\"UP\"", "\"awssso\""));
        assertThat(client.get().uri("/actuator/awssso").retrieve().toEntity(String.class))
            .satisfies((status) -> assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK))
            .satisfies((status) -> assertThat(status.getBody()).contains("\"state\":\"ACTIVE\""));
        assertThat(client.get().uri("/actuator/env").retrieve().toBodilessEntity().getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static CallerIdentity identity(RestClient client) {
        ResponseEntity<CallerIdentity> response = client.get().uri("/identity").retrieve().toEntity(CallerIdentity.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
