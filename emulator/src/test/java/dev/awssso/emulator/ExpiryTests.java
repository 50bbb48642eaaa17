package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens and credentials of short lifetimes expiring in real time (about one second).
 */
class ExpiryTests extends SignedInTests {

    private static final Duration LIFETIME = Duration.ofSeconds(1);

    @Test
    void accessTokenAndRoleCredentialsExpireAfterTheirLifetimeWhileTheSessionLives() throws InterruptedException {
        this.emulator.setTokenLifetime(LIFETIME);
        this.emulator.setCredentialsLifetime(LIFETIME);
        EmulatedSession session = this.emulator.signIn("short-lived");
        RoleCredentials credentials = this.clients.roleCredentials(session.accessToken());
        assertThat(this.clients.callerIdentity(credentials).account())
            .isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);

        waitUntilPast(session.expiresAt());
        waitUntilPast(Instant.ofEpochMilli(credentials.expiration()));

        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(session.accessToken()));
        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.callerIdentity(credentials))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            });
        String refreshed = this.clients.refresh(session, session.refreshToken()).accessToken();
        assertThat(this.clients.roleCredentials(refreshed).accessKeyId()).startsWith("ASIA");
    }

    private static void waitUntilPast(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 1;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

}
