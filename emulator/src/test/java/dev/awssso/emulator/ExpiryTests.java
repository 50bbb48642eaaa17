package dev.awssso.emulator;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens and credentials expire after their lifetime on the emulator's clock, moved past it by the test.
 */
class ExpiryTests {

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SdkClients clients = new SdkClients(this.emulator);

    @AfterEach
    void close() {
        this.clients.close();
        this.emulator.close();
    }

    @Test
    void accessTokenAndRoleCredentialsExpireAfterTheirLifetimeWhileTheSessionLives() {
        this.emulator.setTokenLifetime(Duration.ofHours(1));
        this.emulator.setCredentialsLifetime(Duration.ofMinutes(30));
        EmulatedSession session = this.emulator.signIn("short-lived");
        RoleCredentials credentials = this.clients.roleCredentials(session.accessToken());
        assertThat(this.clients.callerIdentity(credentials).account())
            .isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);

        this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.callerIdentity(credentials))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            });
        assertThat(this.clients.roleCredentials(session.accessToken()).expiration())
            .as("the access token still works").isGreaterThan(credentials.expiration());

        this.clock.set(session.expiresAt().plusSeconds(1));
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(session.accessToken()));
        String refreshed = this.clients.refresh(session, session.refreshToken()).accessToken();
        assertThat(this.clients.roleCredentials(refreshed).accessKeyId()).startsWith("ASIA");
    }

}
