package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STS, Parameter Store and Secrets Manager admit only requests signed with the secret key of role credentials the
 * emulator issued and that have not expired on its clock, and refuse the others with each service's own error.
 */
class SignatureTests {

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SdkClients clients = new SdkClients(this.emulator);

    private final RoleCredentials issued;

    SignatureTests() {
        this.emulator.parameterStore().putString("/config/app/greeting", "hello");
        this.emulator.secretsManager().putSecretString("my-app/db", "{\"password\":\"pw\"}");
        this.issued = this.clients.roleCredentials(this.emulator.signIn("my-sso").accessToken());
    }

    @AfterEach
    void close() {
        this.clients.close();
        this.emulator.close();
    }

    @Test
    void issuedCredentialsAreAdmittedByEveryService() {
        try (ServiceClients services = new ServiceClients(this.emulator, this.issued)) {
            assertThat(services.ssm.getParameter((request) -> request.name("/config/app/greeting")).parameter().value())
                .isEqualTo("hello");
            assertThat(services.secretsManager.getSecretValue((request) -> request.secretId("my-app/db")).name())
                .isEqualTo("my-app/db");
            assertThat(services.sts.getCallerIdentity().account()).isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        }
    }

    @Test
    void aSignatureMadeWithAnotherSecretKeyIsRefused() {
        AwsCredentials wrongKey = AwsSessionCredentials.create(this.issued.accessKeyId(),
                this.issued.secretAccessKey() + "x", this.issued.sessionToken());

        assertRefused(wrongKey, 400, "InvalidSignatureException", 403, "SignatureDoesNotMatch");
    }

    @Test
    void expiredCredentialsAreRefused() {
        this.clock.set(Instant.ofEpochMilli(this.issued.expiration()));

        assertRefused(ServiceClients.sessionCredentials(this.issued), 400, "ExpiredTokenException", 403,
                "ExpiredToken");
    }

    @Test
    void credentialsTheEmulatorDidNotIssueAreRefused() {
        assertRefused(AwsBasicCredentials.create("AKIAUNKNOWN000000000", "secret"), 400,
                "UnrecognizedClientException", 403, "InvalidClientTokenId");
    }

    @Test
    void stillValidCredentialsAreAdmittedUpToTheirExpiry() {
        this.clock.set(Instant.ofEpochMilli(this.issued.expiration()).minus(Duration.ofMillis(1)));

        try (ServiceClients services = new ServiceClients(this.emulator, this.issued)) {
            assertThat(services.ssm.getParameter((request) -> request.name("/config/app/greeting")).parameter().value())
                .isEqualTo("hello");
        }
    }

    private void assertRefused(AwsCredentials credentials, int jsonStatus, String jsonError, int stsStatus,
            String stsError) {
        try (ServiceClients services = new ServiceClients(this.emulator, credentials)) {
            assertServiceError(() -> services.ssm.getParameter((request) -> request.name("/config/app/greeting")),
                    jsonStatus, jsonError);
            assertServiceError(() -> services.ssm.getParametersByPath((request) -> request.path("/config/")),
                    jsonStatus, jsonError);
            assertServiceError(() -> services.secretsManager.getSecretValue((request) -> request.secretId("my-app/db")),
                    jsonStatus, jsonError);
            assertServiceError(() -> services.secretsManager
                .batchGetSecretValue((request) -> request.secretIdList("my-app/db")), jsonStatus, jsonError);
            assertServiceError(services.sts::getCallerIdentity, stsStatus, stsError);
        }
    }

    private static void assertServiceError(Runnable call, int status, String errorCode) {
        Consumer<AwsServiceException> refused = (ex) -> {
            assertThat(ex.statusCode()).isEqualTo(status);
            assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            assertThat(ex.awsErrorDetails().errorMessage()).isNotBlank();
        };
        assertThatExceptionOfType(AwsServiceException.class).isThrownBy(call::run).satisfies(refused);
    }

}
