package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.UnsupportedGrantTypeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OIDC {@code CreateToken} with the {@code refresh_token} grant, through the real {@code SsoOidcClient}.
 */
class CreateTokenTests extends SignedInTests {

    @Test
    void refreshIssuesNewTokensAndRotatesTheRefreshToken() {
        CreateTokenResponse response = this.clients.refresh(this.session, this.session.refreshToken());

        assertThat(response.accessToken()).isNotBlank().isNotEqualTo(this.session.accessToken());
        assertThat(response.tokenType()).isEqualTo("Bearer");
        assertThat(response.expiresIn()).isBetween(3599, 3600);
        assertThat(response.refreshToken()).isNotBlank().isNotEqualTo(this.session.refreshToken());
        assertThat(this.clients.roleCredentials(response.accessToken()).accessKeyId()).startsWith("ASIA");
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        assertThat(this.clients.refresh(this.session, response.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void aSignInAgainReusesTheClientRegistrationAndLeavesThePreviousSessionAlive() {
        this.emulator.setUserName("other@example.com");

        EmulatedSession again = this.emulator.signInAgain(this.session);

        assertThat(again.clientId()).isEqualTo(this.session.clientId());
        assertThat(again.clientSecret()).isEqualTo(this.session.clientSecret());
        assertThat(again.refreshToken()).isNotEqualTo(this.session.refreshToken());
        assertThat(this.clients.refresh(again, again.refreshToken()).accessToken()).isNotBlank();
        assertThat(this.clients.refresh(this.session, this.session.refreshToken()).accessToken()).isNotBlank();
        assertThat(this.emulator.sessions()).hasSize(2);
    }

    @Test
    void oldAccessTokenStaysValidAfterRefresh() {
        this.clients.refresh(this.session, this.session.refreshToken());

        assertThat(this.clients.roleCredentials(this.session.accessToken()).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void reuseModeReturnsTheSameRefreshToken() {
        this.emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);

        CreateTokenResponse first = this.clients.refresh(this.session, this.session.refreshToken());
        CreateTokenResponse second = this.clients.refresh(this.session, this.session.refreshToken());

        assertThat(first.refreshToken()).isEqualTo(this.session.refreshToken());
        assertThat(second.refreshToken()).isEqualTo(this.session.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void omitModeReturnsNoRefreshTokenAndKeepsTheOldOneValid() {
        this.emulator.setRefreshTokenMode(RefreshTokenMode.OMIT);

        CreateTokenResponse first = this.clients.refresh(this.session, this.session.refreshToken());
        CreateTokenResponse second = this.clients.refresh(this.session, this.session.refreshToken());

        assertThat(first.refreshToken()).isNull();
        assertThat(second.accessToken()).isNotBlank().isNotEqualTo(first.accessToken());
    }

    @Test
    void unknownRefreshTokenIsAnInvalidGrant() {
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, "aorUnknown"))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("invalid_grant");
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidGrantException");
            });
    }

    @Test
    void refreshTokenOfAnotherClientIsAnInvalidGrant() {
        EmulatedSession other = this.emulator.signIn("other");

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, other.refreshToken()));
    }

    @Test
    void endedSessionRejectsItsRefreshTokensAndRefreshedAccessTokens() {
        CreateTokenResponse refreshed = this.clients.refresh(this.session, this.session.refreshToken());

        this.emulator.endSession(this.session);

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, refreshed.refreshToken()));
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(refreshed.accessToken()));
    }

    @Test
    void accessTokensNeverOutliveTheSession() {
        this.emulator.setSessionDuration(Duration.ofMinutes(10));
        EmulatedSession shortSession = this.emulator.signIn("short");

        Instant before = Instant.now();
        CreateTokenResponse response = this.clients.refresh(shortSession, shortSession.refreshToken());
        Instant after = Instant.now();

        assertThat(shortSession.expiresAt()).isEqualTo(shortSession.sessionEndsAt());
        assertThat(shortSession.sessionEndsAt()).isBefore(before.plus(Duration.ofMinutes(10)).plusSeconds(1));
        // whole seconds left until the session ends, counted while the call was under way
        assertThat(response.expiresIn()).isBetween(
                (int) Duration.between(after, shortSession.sessionEndsAt()).toSeconds() - 1,
                (int) Duration.between(before, shortSession.sessionEndsAt()).toSeconds() + 1);
    }

    @Test
    void tokenLifetimeIsConfigurable() {
        this.emulator.setTokenLifetime(Duration.ofMinutes(15));

        assertThat(this.clients.refresh(this.session, this.session.refreshToken()).expiresIn()).isBetween(899, 900);
    }

    @Test
    void unknownClientIsAnInvalidClient() {
        assertThatExceptionOfType(InvalidClientException.class)
            .isThrownBy(() -> this.clients.oidc.createToken((request) -> request.clientId("unknown")
                .clientSecret("secret")
                .grantType("refresh_token")
                .refreshToken(this.session.refreshToken())))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
    }

    @Test
    void wrongClientSecretIsAnInvalidClient() {
        assertThatExceptionOfType(InvalidClientException.class)
            .isThrownBy(() -> this.clients.oidc.createToken((request) -> request.clientId(this.session.clientId())
                .clientSecret("wrong")
                .grantType("refresh_token")
                .refreshToken(this.session.refreshToken())));
    }

    @Test
    void otherGrantTypesAreNotSupported() {
        assertThatExceptionOfType(UnsupportedGrantTypeException.class)
            .isThrownBy(() -> this.clients.oidc.createToken((request) -> request.clientId(this.session.clientId())
                .clientSecret(this.session.clientSecret())
                .grantType("client_credentials")))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
    }

    @Test
    void concurrentRefreshesWithOneRefreshTokenLetExactlyOneWin() throws Exception {
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(executor.submit(() -> {
                    try {
                        this.clients.refresh(this.session, this.session.refreshToken());
                        return true;
                    }
                    catch (InvalidGrantException ex) {
                        return false;
                    }
                }));
            }
            int wins = 0;
            for (Future<Boolean> outcome : outcomes) {
                wins += outcome.get() ? 1 : 0;
            }
            assertThat(wins).isOne();
            assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(threads);
        }
        finally {
            executor.shutdownNow();
        }
    }

}
