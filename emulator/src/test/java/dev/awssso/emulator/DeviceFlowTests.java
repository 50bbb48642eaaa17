package dev.awssso.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The device code flow as {@code aws sso login --use-device-code} runs it, through the real
 * {@code SsoOidcClient}, approved without a browser.
 */
class DeviceFlowTests extends SignInFlowTests {

    private RegisterClientResponse client;

    @BeforeEach
    void registerClient() {
        this.emulator.setDevicePollInterval(Duration.ZERO);
        this.client = registerDeviceClient();
    }

    @Test
    void startDeviceAuthorizationAnswersCodesAndTheVerificationPage() {
        this.emulator.setDevicePollInterval(Duration.ofSeconds(1));

        StartDeviceAuthorizationResponse response = startDevice(this.client);

        assertThat(response.deviceCode()).isNotBlank();
        assertThat(response.userCode()).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(response.verificationUri()).isEqualTo(this.emulator.endpoint() + "/device");
        assertThat(response.verificationUriComplete())
            .isEqualTo(this.emulator.endpoint() + "/device?user_code=" + response.userCode());
        assertThat(response.expiresIn()).isEqualTo(600);
        assertThat(response.interval()).isEqualTo(1);
        assertThat(this.emulator.issuedSecrets()).contains(response.deviceCode()).doesNotContain(response.userCode());
        assertThat(this.emulator.callCount(Operation.START_DEVICE_AUTHORIZATION)).isOne();
    }

    @Test
    void lifetimeAndIntervalAreSentInWholeSecondsRoundedUp() {
        this.emulator.setDeviceCodeLifetime(Duration.ofMillis(90_500));
        this.emulator.setDevicePollInterval(Duration.ofMillis(200));

        StartDeviceAuthorizationResponse response = startDevice(this.client);

        assertThat(response.expiresIn()).isEqualTo(91);
        assertThat(response.interval()).isEqualTo(1);
    }

    @Test
    void pendingUntilApprovedThenANewSessionWithRefreshToken() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        assertThatExceptionOfType(AuthorizationPendingException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("authorization_pending");
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AuthorizationPendingException");
            });

        this.emulator.approveDevice(device.userCode());
        CreateTokenResponse tokens = pollDevice(this.client, device.deviceCode());

        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isBetween(3599, 3600);
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(this.clients.roleCredentials(tokens.accessToken()).accessKeyId()).startsWith("ASIA");
        EmulatedSession session = this.emulator.latestSession();
        assertThat(session.accessToken()).isEqualTo(tokens.accessToken());
        assertThat(session.refreshToken()).isEqualTo(tokens.refreshToken());
        assertThat(session.clientId()).isEqualTo(this.client.clientId());
        assertThat(session.clientSecret()).isEqualTo(this.client.clientSecret());
        assertThat(session.sessionName()).isNull();
        assertThat(session.startUrl()).isEqualTo(this.emulator.startUrl());
        assertThat(this.emulator.sessions()).containsExactly(session);
        CreateTokenResponse refreshed = this.clients.refresh(session, tokens.refreshToken());
        assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(tokens.refreshToken());
    }

    @Test
    void clientWithoutScopesGetsNoRefreshToken() {
        RegisterClientResponse legacy = this.clients.oidc.registerClient((request) -> request
            .clientName("botocore-client-1700000000")
            .clientType("public"));
        StartDeviceAuthorizationResponse device = startDevice(legacy);
        this.emulator.approveDevice(device.userCode());

        CreateTokenResponse tokens = pollDevice(legacy, device.deviceCode());

        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.refreshToken()).isNull();
        assertThat(this.emulator.latestSession().refreshToken()).isNull();
    }

    @Test
    void tokenLifetimeIsCappedAtTheSessionEnd() {
        this.emulator.setTokenLifetime(Duration.ofHours(2));
        this.emulator.setSessionDuration(Duration.ofMinutes(30));
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.approveDevice(device.userCode());

        CreateTokenResponse tokens = pollDevice(this.client, device.deviceCode());

        assertThat(tokens.expiresIn()).isEqualTo(1800);
        EmulatedSession session = this.emulator.latestSession();
        assertThat(session.expiresAt()).isEqualTo(session.sessionEndsAt());
        assertThat(session.sessionEndsAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void sessionOfTheUserWhoApproved() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.setUserName("approver@example.com");
        this.emulator.approveDevice(device.userCode().toLowerCase().replace("-", ""));
        this.emulator.setUserName("someone-else@example.com");

        CreateTokenResponse tokens = pollDevice(this.client, device.deviceCode());

        assertThat(this.clients.callerIdentity(this.clients.roleCredentials(tokens.accessToken())).arn())
            .endsWith("/approver@example.com");
    }

    @Test
    void pollingFasterThanTheIntervalIsToldToSlowDown() {
        this.emulator.setDevicePollInterval(Duration.ofMillis(300));
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        assertThatExceptionOfType(AuthorizationPendingException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()));

        assertThatExceptionOfType(SlowDownException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("slow_down");
            });
        this.emulator.approveDevice(device.userCode());
        assertThatExceptionOfType(SlowDownException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()));

        this.clock.advance(Duration.ofMillis(300));
        assertThat(pollDevice(this.client, device.deviceCode()).accessToken()).isNotBlank();
    }

    @Test
    void slowDownCanBeSwitchedOff() {
        this.emulator.setDevicePollInterval(Duration.ofSeconds(5));
        this.emulator.setSlowDownEnforced(false);
        StartDeviceAuthorizationResponse device = startDevice(this.client);

        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(AuthorizationPendingException.class)
                .isThrownBy(() -> pollDevice(this.client, device.deviceCode()));
        }
        this.emulator.approveDevice(device.userCode());
        assertThat(pollDevice(this.client, device.deviceCode()).accessToken()).isNotBlank();
    }

    @Test
    void expiresAfterItsLifetime() {
        this.emulator.setDeviceCodeLifetime(Duration.ofMillis(200));
        StartDeviceAuthorizationResponse device = startDevice(this.client);

        this.clock.advance(Duration.ofMillis(200));

        assertThatExceptionOfType(ExpiredTokenException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("expired_token");
            });
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.approveDevice(device.userCode()));
    }

    @Test
    void deniedByTheUser() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);

        this.emulator.denyDevice(device.userCode());

        assertThatExceptionOfType(AccessDeniedException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("access_denied");
            });
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.approveDevice(device.userCode()));
        assertThatIllegalStateException().isThrownBy(this.emulator::latestSession);
    }

    @Test
    void deviceCodeIsRedeemedOnce() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.approveDevice(device.userCode());
        pollDevice(this.client, device.deviceCode());

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> pollDevice(this.client, device.deviceCode()))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
        assertThat(this.emulator.sessions()).hasSize(1);
    }

    @Test
    void deviceCodeOfAnotherClientOrUnknownIsAnInvalidGrant() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.approveDevice(device.userCode());
        RegisterClientResponse other = registerDeviceClient();

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> pollDevice(other, device.deviceCode()));
        assertThatExceptionOfType(InvalidGrantException.class).isThrownBy(() -> pollDevice(this.client, "unknown"));
        assertThat(pollDevice(this.client, device.deviceCode()).accessToken()).isNotBlank();
    }

    @Test
    void startNeedsAKnownClientAndTheEmulatorsStartUrl() {
        assertThatExceptionOfType(InvalidClientException.class)
            .isThrownBy(() -> this.clients.oidc.startDeviceAuthorization((request) -> request
                .clientId(this.client.clientId())
                .clientSecret("wrong")
                .startUrl(this.emulator.startUrl())))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
        assertThatExceptionOfType(InvalidRequestException.class)
            .isThrownBy(() -> this.clients.oidc.startDeviceAuthorization((request) -> request
                .clientId(this.client.clientId())
                .clientSecret(this.client.clientSecret())
                .startUrl("https://d-9999999999.awsapps.com/start")))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
    }

    @Test
    void approvingAnUnknownUserCodeFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.approveDevice("BCDF-GHJK"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.denyDevice("BCDF-GHJK"));
    }

    @Test
    void logoutEndsTheSession() {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.approveDevice(device.userCode());
        CreateTokenResponse tokens = pollDevice(this.client, device.deviceCode());

        this.clients.sso.logout((request) -> request.accessToken(tokens.accessToken()));

        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(tokens.accessToken()));
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.emulator.latestSession(), tokens.refreshToken()));
    }

    @Test
    void sessionOfAFlowCanWriteItsCacheFile(@TempDir Path cacheDir) throws Exception {
        StartDeviceAuthorizationResponse device = startDevice(this.client);
        this.emulator.approveDevice(device.userCode());
        CreateTokenResponse tokens = pollDevice(this.client, device.deviceCode());

        Path file = this.emulator.latestSession().writeCacheFile(cacheDir);

        assertThat(file.getFileName().toString())
            .isEqualTo(TokenCacheFile.sha1Hex(this.emulator.startUrl()) + ".json");
        assertThat(Files.readString(file)).contains(tokens.accessToken(), tokens.refreshToken(),
                this.client.clientId());
    }

    @Test
    void settingsRejectInvalidValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.setDeviceCodeLifetime(Duration.ZERO));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.emulator.setDevicePollInterval(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.setRegistrationLifetime(Duration.ZERO));
    }

}
