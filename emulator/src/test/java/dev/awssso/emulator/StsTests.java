package dev.awssso.emulator;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STS {@code GetCallerIdentity} (AWS query protocol) through the real {@code StsClient}.
 */
class StsTests extends SignedInTests {

    @Test
    void callerIsTheAssumedRoleOfTheSignedInUser() {
        this.emulator.setUserName("jane@example.com");
        EmulatedSession jane = this.emulator.signIn("jane");
        RoleCredentials credentials = this.clients.roleCredentials(jane.accessToken(), "444455556666", "Deployer");

        GetCallerIdentityResponse identity = this.clients.callerIdentity(credentials);

        assertThat(identity.account()).isEqualTo("444455556666");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/Deployer/jane@example.com");
        assertThat(identity.userId()).matches("AROA[A-Z2-7]{17}:jane@example.com");
        assertThat(identity.responseMetadata().requestId()).isNotBlank();
        assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).isOne();
    }

    @Test
    void roleIdIsStablePerRole() {
        RoleCredentials first = this.clients.roleCredentials(this.session.accessToken());
        RoleCredentials second = this.clients.roleCredentials(this.session.accessToken());

        assertThat(this.clients.callerIdentity(first).userId())
            .isEqualTo(this.clients.callerIdentity(second).userId())
            .endsWith(":" + IdentityCenterEmulator.DEFAULT_USER_NAME);
    }

    @Test
    void unknownAccessKeyIsAnInvalidClientTokenId() {
        RoleCredentials unknown = RoleCredentials.builder().accessKeyId("ASIAUNKNOWN000000000")
            .secretAccessKey("secret")
            .sessionToken("token")
            .build();

        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.callerIdentity(unknown))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(ex.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void wrongSessionTokenIsAnInvalidClientTokenId() {
        RoleCredentials issued = this.clients.roleCredentials(this.session.accessToken());
        RoleCredentials tampered = issued.toBuilder().sessionToken("other").build();

        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.callerIdentity(tampered))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void otherStsActionsAreNotFound() {
        RoleCredentials credentials = this.clients.roleCredentials(this.session.accessToken());

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.sts.getSessionToken((request) -> request.overrideConfiguration(
                    (config) -> config.credentialsProvider(() -> AwsSessionCredentials.create(
                            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(404);
                assertThat(ex.awsErrorDetails().errorMessage()).contains("GetSessionToken");
            });
    }

}
