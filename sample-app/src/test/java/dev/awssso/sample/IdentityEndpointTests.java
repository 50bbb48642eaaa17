package dev.awssso.sample;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import dev.awssso.test.AutoConfigureAwsSsoEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample tested as an application of its own would be: demo mode off, and the test context's emulator from
 * {@code @AutoConfigureAwsSsoEmulator}, signed in as the annotation's account and role.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "sample.emulator.enabled=false", "sample.identity-log.enabled=false" })
@AutoConfigureAwsSsoEmulator(roleName = "AdministratorAccess")
class IdentityEndpointTests {

    @LocalServerPort
    int port;

    @Autowired
    IdentityCenterEmulator emulator;

    @Test
    void answersTheIdentityOfTheSignedInRole() {
        CallerIdentity identity = RestClient.create("http://127.0.0.1:" + this.port)
            .get()
            .uri("/identity")
            .retrieve()
            .body(CallerIdentity.class);

        assertThat(identity.account()).isEqualTo("111122223333");
        assertThat(identity.arn()).startsWith("arn:aws:sts::111122223333:assumed-role/AdministratorAccess/");
        assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).isPositive();
    }

}
