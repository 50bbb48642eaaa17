package dev.awssso.boot.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The state to health mapping that the Spring Boot 4 and Spring Boot 3 health indicators share. */
class SessionHealthTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anActiveSessionIsUpWithItsExpiriesAndTimesLeftInOrder() {
        SessionStatus status = status(SessionState.ACTIVE, List.of(), NOW.plus(Duration.ofMinutes(90)),
                NOW.plus(Duration.ofMinutes(45)), NOW.plus(Duration.ofHours(8)));

        SessionHealth.Report report = new SessionHealth(() -> status, null).check();

        assertThat(report.up()).isTrue();
        assertThat(report.details()).containsExactly(entry("state", SessionState.ACTIVE),
                entry("action", "Nothing: the session is active."), entry("account", "111122223333"),
                entry("role", "ReadOnly"), entry("tokenExpiresAt", "2026-03-01T11:30:00Z"),
                entry("tokenTimeLeft", "1h 30m"), entry("credentialsExpireAt", "2026-03-01T10:45:00Z"),
                entry("credentialsTimeLeft", "45m 00s"), entry("sessionEndsAt", "2026-03-01T18:00:00Z"),
                entry("sessionTimeLeft", "8h 00m"));
    }

    @Test
    void aSignedOutSessionIsDownWithTheNextActionAndNoExpiries() {
        SessionStatus status = status(SessionState.SIGNED_OUT, List.of(), null, null, null);

        SessionHealth.Report report = new SessionHealth(() -> status, null).check();

        assertThat(report.up()).isFalse();
        assertThat(report.details()).containsOnlyKeys("state", "action", "account", "role")
            .containsEntry("state", SessionState.SIGNED_OUT);
    }

    @Test
    void everyStateThatServesCredentialsIsUpAndNoOtherIs() {
        for (SessionState state : SessionState.values()) {
            SessionStatus status = status(state, List.of(), null, null, null);

            assertThat(new SessionHealth(() -> status, null).check().up()).as("%s is up", state)
                .isEqualTo(state.canServeCredentials());
        }
    }

    @Test
    void warningsAreShownWhenThereAreAny() {
        SessionStatus status = status(SessionState.EXPIRING, List.of("The session ends in 10m 00s."), null, null,
                NOW.plus(Duration.ofMinutes(10)));

        SessionHealth.Report report = new SessionHealth(() -> status, null).check();

        assertThat(report.up()).isTrue();
        assertThat(report.details()).containsEntry("warnings", List.of("The session ends in 10m 00s."));
    }

    @Test
    void theIdentityCheckIsOnlyAskedWhileCredentialsCanBeServedAndItsFailureIsThrown() {
        try (CallerIdentityLookup unreachable = unreachableIdentityCheck()) {
            SessionStatus signedOut = status(SessionState.SIGNED_OUT, List.of(), null, null, null);
            assertThat(new SessionHealth(() -> signedOut, unreachable::lookUp).check().up()).isFalse();

            SessionStatus active = status(SessionState.ACTIVE, List.of(), null, null, null);
            assertThatExceptionOfType(SdkClientException.class)
                .isThrownBy(() -> new SessionHealth(() -> active, unreachable::lookUp).check());
        }
    }

    /** A look-up against a closed port of the loopback interface: it fails at once if asked. */
    private static CallerIdentityLookup unreachableIdentityCheck() {
        return new CallerIdentityLookup(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")),
                Region.EU_WEST_1, URI.create("http://127.0.0.1:1"),
                new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static SessionStatus status(SessionState state, List<String> warnings, @Nullable Instant tokenExpiresAt,
            @Nullable Instant credentialsExpireAt, @Nullable Instant sessionEndsAt) {
        String action = (state == SessionState.ACTIVE) ? "Nothing: the session is active."
                : "Run: aws sso login --sso-session corp";
        return new SessionStatus(state, action, warnings, NOW,
                new SessionStatus.Identity("properties", null, null, "corp", "https://d-0000000000.awsapps.com/start",
                        "us-east-1", "111122223333", "ReadOnly"),
                new SessionStatus.Token("/home/user/.aws/sso/cache/x.json", tokenExpiresAt, true, null, null, null),
                new SessionStatus.Credentials(null, credentialsExpireAt, null, null),
                new SessionStatus.Session(null, sessionEndsAt, false), null);
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return Map.entry(key, value);
    }
}
