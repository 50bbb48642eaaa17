package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.awssso.core.SsoSessionException;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import dev.awssso.test.AutoConfigureAwsSsoEmulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The starter in an application whose test says only {@code @AutoConfigureAwsSsoEmulator}: its own credentials
 * provider, health and Spring Cloud AWS clients run against the emulator of the test context.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health,awssso",
                "management.endpoint.health.show-details=always" })
@AutoConfigureAwsSsoEmulator
class AutoConfigureAwsSsoEmulatorWebTests {

    @LocalServerPort
    int port;

    @Autowired
    AwsCredentialsProvider credentialsProvider;

    @Autowired
    IdentityCenterEmulator emulator;

    @Test
    void theApplicationsProviderServesRoleCredentialsOfTheEmulator() {
        AwsCredentials credentials = this.credentialsProvider.resolveCredentials();

        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        try (StsClient sts = sts(this.credentialsProvider, this.emulator)) {
            assertThat(sts.getCallerIdentity().arn()).startsWith("arn:aws:sts::111122223333:assumed-role/ReadOnly/");
        }
    }

    @Test
    void healthIsUp() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = new ActuatorClient(this.port).get("/actuator/health/awssso");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"state\":\"ACTIVE\"");
        });
    }

    @Test
    void springCloudAwsClientsCallTheEmulatorWithTheStartersCredentials(@Autowired SsmClient ssm) {
        this.emulator.parameterStore().putString("/config/app/greeting", "hello");

        assertThat(ssm.getParameter((request) -> request.name("/config/app/greeting")).parameter().value())
            .isEqualTo("hello");
    }

    @Nested
    @TestPropertySource(properties = { "aws.sso.roles.admin.account-id=111122223333",
            "aws.sso.roles.admin.role-name=AdministratorAccess" })
    class WithANamedRole {

        @Autowired
        @Qualifier("admin")
        AwsCredentialsProvider admin;

        @Autowired
        IdentityCenterEmulator emulator;

        @Test
        void theRoleResolvesAgainstTheEmulator() {
            try (StsClient sts = sts(this.admin, this.emulator)) {
                assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/AdministratorAccess/");
            }
        }

    }

    /** With a context, and an emulator, of its own: the faults stay in it. */
    @Nested
    @AutoConfigureAwsSsoEmulator(credentialsLifetime = "30m")
    class WhenIdentityCenterFails {

        @Autowired
        AwsCredentialsProvider credentialsProvider;

        @Autowired
        IdentityCenterEmulator emulator;

        @Test
        void theApplicationSeesTheFaultAndRecoversWhenItEnds() {
            this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(500, "InternalServerException"));

            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(this.credentialsProvider::resolveCredentials)
                .withMessageContaining("InternalServerException");

            this.emulator.clearFaults();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(this.credentialsProvider.resolveCredentials().accessKeyId())
                    .startsWith("ASIA"));
        }

    }

    @Nested
    @AutoConfigureAwsSsoEmulator(signedIn = false)
    class SignedOut {

        @Autowired
        AwsCredentialsProvider credentialsProvider;

        @Test
        void theCredentialsNameTheSignIn() {
            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(this.credentialsProvider::resolveCredentials)
                .withMessageContaining("Not signed in to IAM Identity Center")
                .withMessageContaining("`aws sso login --sso-session emulator`")
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.SIGNED_OUT));
        }

    }

    private static StsClient sts(AwsCredentialsProvider credentials, IdentityCenterEmulator emulator) {
        return StsClient.builder()
            .credentialsProvider(credentials)
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }

}
