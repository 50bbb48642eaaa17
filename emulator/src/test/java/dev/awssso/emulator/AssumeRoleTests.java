package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STS {@code AssumeRole} through the real {@code StsClient}: trust, lifetimes, validation, faults and counters.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AssumeRoleTests {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final String SOURCE = IdentityCenterEmulator.roleArn(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
            IdentityCenterEmulator.DEFAULT_ROLE_NAME);

    private IdentityCenterEmulator emulator;

    private SdkClients clients;

    private AwsSessionCredentials source;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.clients = new SdkClients(emulator);
        EmulatedSession session = emulator.signIn("my-sso");
        this.source = SdkClients.sessionCredentials(this.clients.roleCredentials(session.accessToken()));
    }

    @AfterEach
    void closeClients() {
        this.clients.close();
    }

    @Test
    void aTrustedRoleIsAssumedAndItsCredentialsAreTheAssumedRoleSession() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);

        AssumeRoleResponse assumed = this.clients.assumeRole(this.source,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app"));

        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:my-app");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(59)))
            .isBefore(Instant.now().plus(Duration.ofMinutes(61)));
        GetCallerIdentityResponse identity = this.clients.callerIdentity(
                SdkClients.sessionCredentials(assumed.credentials()));
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
        assertThat(identity.account()).isEqualTo("555566667777");
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isOne();
        assertThat(this.emulator.issuedSecrets()).contains(assumed.credentials().secretAccessKey(),
                assumed.credentials().sessionToken());
    }

    @Test
    void anUntrustedPrincipalIsDeniedWithStsErrorShape() {
        this.emulator.allowAssumeRole(IdentityCenterEmulator.roleArn("111122223333", "Other"), DEPLOYER);

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::111122223333:"
                        + "assumed-role/ReadOnly/user@example.com is not authorized to perform: sts:AssumeRole on"
                        + " resource: " + DEPLOYER);
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void aRevokedTrustIsDeniedFromThenOn() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);
        this.clients.assumeRole(this.source, (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app"));

        this.emulator.revokeAssumeRole(SOURCE, DEPLOYER);

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void theExternalIdTheTrustRequiresMustBeGiven() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER, "secret-handshake");

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app").externalId("other-id")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(this.clients.assumeRole(this.source, (request) -> request.roleArn(DEPLOYER)
            .roleSessionName("my-app")
            .externalId("secret-handshake")).credentials()).isNotNull();
    }

    @Test
    void chainsAreAllowedLinkByLink() {
        String auditor = "arn:aws:iam::999988887777:role/path/Auditor";
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);
        this.emulator.allowAssumeRole(DEPLOYER, auditor);
        AwsSessionCredentials deployer = SdkClients.sessionCredentials(this.clients.assumeRole(this.source,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("first")).credentials());

        AssumeRoleResponse audit = this.clients.assumeRole(deployer,
                (request) -> request.roleArn(auditor).roleSessionName("second"));

        assertThat(audit.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::999988887777:assumed-role/Auditor/second");
        assertThatExceptionOfType(StsException.class).as("the SSO role is not trusted by the auditor role")
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(auditor).roleSessionName("direct")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void durationSecondsIsHonouredWithinTheRoleChainingLimit() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);

        Instant expiration = this.clients.assumeRole(this.source,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app").durationSeconds(900))
            .credentials()
            .expiration();

        assertThat(Duration.between(Instant.now(), expiration)).isBetween(Duration.ofSeconds(890),
                Duration.ofSeconds(900));
        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app").durationSeconds(7200)))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                assertThat(ex.awsErrorDetails().errorMessage())
                    .contains("exceeds the 1 hour session limit for roles assumed by role chaining");
            });
        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app").durationSeconds(60)))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage())
                .contains("'durationSeconds'", "greater than or equal to 900"));
    }

    @Test
    void theAssumedRoleLifetimeShortensWhatIsIssued() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);
        this.emulator.setAssumedRoleLifetime(Duration.ofSeconds(5));

        Instant expiration = this.clients.assumeRole(this.source,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app"))
            .credentials()
            .expiration();

        assertThat(Duration.between(Instant.now(), expiration)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void malformedRequestsAreValidationErrors() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my app")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).contains("'roleSessionName'"));
        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn("Deployer").roleSessionName("my-app")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void expiredSourceCredentialsAreRefused() {
        MovableClock clock = MovableClock.startingNow();
        try (IdentityCenterEmulator clocked = IdentityCenterEmulator.start(clock);
                SdkClients clockedClients = new SdkClients(clocked)) {
            clocked.allowAssumeRole(SOURCE, DEPLOYER);
            AwsSessionCredentials expiring = SdkClients.sessionCredentials(
                    clockedClients.roleCredentials(clocked.signIn("my-sso").accessToken()));

            clock.advance(Duration.ofHours(1));

            assertThatExceptionOfType(StsException.class)
                .isThrownBy(() -> clockedClients.assumeRole(expiring,
                        (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
                .satisfies((ex) -> {
                    assertThat(ex.statusCode()).isEqualTo(403);
                    assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                });
        }
    }

    @Test
    void faultsAndCountersApplyToAssumeRole() {
        this.emulator.allowAssumeRole(SOURCE, DEPLOYER);
        this.emulator.injectFault(Operation.ASSUME_ROLE, Fault.status(503, "ServiceUnavailable").times(1));

        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.assumeRole(this.source,
                    (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
        this.clients.assumeRole(this.source, (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app"));
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isEqualTo(2);
        assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).isZero();
    }
}
