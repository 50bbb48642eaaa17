package dev.awssso.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SsoTokenTests {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void isRefreshableWithRefreshTokenClientAndLiveRegistration() {
        assertThat(token("refresh", "client", "secret", NOW.plusSeconds(60)).whyNotRefreshable(NOW)).isEmpty();
    }

    @Test
    void namesWhyItCannotBeRefreshed() {
        assertThat(token(null, "client", "secret", NOW.plusSeconds(60)).whyNotRefreshable(NOW))
            .hasValueSatisfying((why) -> assertThat(why).contains("no refresh token"));
        assertThat(token("refresh", null, null, NOW.plusSeconds(60)).whyNotRefreshable(NOW))
            .hasValueSatisfying((why) -> assertThat(why).contains("no client registration"));
        assertThat(token("refresh", "client", "secret", null).whyNotRefreshable(NOW))
            .hasValueSatisfying((why) -> assertThat(why).contains("registrationExpiresAt"));
        assertThat(token("refresh", "client", "secret", NOW).whyNotRefreshable(NOW))
            .hasValueSatisfying((why) -> assertThat(why).contains("registration ended"));
    }

    @Test
    void refreshKeepsTheRefreshTokenWhenTheServiceReturnsNone() {
        SsoToken refreshed = token("old-refresh", "client", "secret", NOW.plusSeconds(60)).refreshed("new-access",
                NOW.plusSeconds(3600), null);
        assertThat(refreshed.accessToken()).isEqualTo("new-access");
        assertThat(refreshed.refreshToken()).isEqualTo("old-refresh");
        assertThat(refreshed.otherFields()).containsEntry("custom", "kept");
    }

    @Test
    void refreshTakesTheRotatedRefreshToken() {
        SsoToken refreshed = token("old-refresh", "client", "secret", NOW.plusSeconds(60)).refreshed("new-access",
                NOW.plusSeconds(3600), "new-refresh");
        assertThat(refreshed.refreshToken()).isEqualTo("new-refresh");
    }

    @Test
    void aTokenRefreshedAnyNumberOfTimesContinuesItsSignInAndSaysSoWithoutItsSecrets() {
        SsoToken signedIn = token("first-refresh", "client", "secret", NOW.plusSeconds(60));
        SsoToken twice = signedIn.refreshed("a2", NOW.plusSeconds(3600), "second-refresh")
            .refreshed("a3", NOW.plusSeconds(7200), "third-refresh");

        assertThat(twice.continues(signedIn)).isTrue();
        assertThat(twice.continues(signedIn.refreshed("a2", NOW.plusSeconds(3600), "second-refresh"))).isTrue();
        assertThat(twice.otherFields().values()).doesNotContain("first-refresh", "second-refresh", "third-refresh");
        assertThat(token("other-refresh", "client", "secret", NOW.plusSeconds(60)).continues(signedIn))
            .as("another sign-in").isFalse();
        assertThat(signedIn.continues(twice)).as("written by the AWS CLI, which does not say").isFalse();
    }

    @Test
    void remainingTimeIsNeverNegative() {
        SsoToken token = token("r", "c", "s", null);
        assertThat(token.remaining(NOW.minusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(token.remaining(NOW.plusSeconds(10))).isZero();
        assertThat(token.isExpired(NOW)).isTrue();
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(token("refresh-secret", "client", "client-secret", NOW).toString())
            .doesNotContain("access-secret", "refresh-secret", "client-secret");
    }

    private static SsoToken token(String refreshToken, String clientId, String clientSecret,
            Instant registrationExpiresAt) {
        return new SsoToken("access-secret", NOW, refreshToken, clientId, clientSecret, registrationExpiresAt,
                "us-east-1", "https://d-0000000000.awsapps.com/start", Map.of("custom", "kept"));
    }

    @Test
    void unknownFieldNamesAreShownOnOneLineWithoutControlCharacters() {
        SsoToken token = new SsoToken("secret-access", Instant.parse("2030-01-01T00:00:00Z"), null, null, null, null,
                null, null, Map.of("evil\nINFO forged line", "x"));
        assertThat(token.toString()).doesNotContain("\n").contains("otherFields=[evil").doesNotContain("secret-access");
    }
}
