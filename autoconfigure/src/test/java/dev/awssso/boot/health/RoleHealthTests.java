package dev.awssso.boot.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The health of a named role, which the Spring Boot 4 and Spring Boot 3 composites share. */
class RoleHealthTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    @Test
    void anActiveAssumedRoleIsUpWithItsRoleSignInAndExpiryInOrder() {
        RoleStatus deploy = status(SessionState.ACTIVE, DEPLOYER, NOW.plus(Duration.ofMinutes(45)));

        SessionHealth.Report report = new RoleHealth(() -> deploy, null).check();

        assertThat(report.up()).isTrue();
        assertThat(report.details()).containsExactly(entry("state", SessionState.ACTIVE),
                entry("action", "Nothing: the role is active."), entry("account", "555566667777"),
                entry("role", "Deployer"), entry("assumedRoleArn", DEPLOYER),
                entry("signIn", "sso-session 'corp' (application properties)"),
                entry("credentialsExpireAt", "2026-03-01T10:45:00Z"), entry("credentialsTimeLeft", "45m 00s"));
    }

    @Test
    void aRoleThatCannotServeCredentialsIsDownAndIsNotAskedAbout() {
        AtomicInteger lookUps = new AtomicInteger();
        for (SessionState state : new SessionState[] { SessionState.UNUSABLE, SessionState.EXPIRED,
                SessionState.SIGNED_OUT }) {
            SessionHealth.Report report = new RoleHealth(() -> status(state, null, null), () -> {
                lookUps.incrementAndGet();
                return new CallerIdentity("555566667777", DEPLOYER, "AROA");
            }).check();

            assertThat(report.up()).as("%s is down", state).isFalse();
            assertThat(report.details()).doesNotContainKeys("assumedRoleArn", "credentialsExpireAt", "arn");
        }
        assertThat(lookUps).hasValue(0);
    }

    @Test
    void theIdentityCheckAddsTheCallersArnWhileUp() {
        SessionHealth.Report report = new RoleHealth(() -> status(SessionState.ACTIVE, DEPLOYER, null),
                () -> new CallerIdentity("555566667777", DEPLOYER + "/my-app", "AROA")).check();

        assertThat(report.details()).containsEntry("arn", DEPLOYER + "/my-app");
    }

    private static RoleStatus status(SessionState state, @Nullable String assumedRoleArn,
            @Nullable Instant expiresAt) {
        String action = (state == SessionState.ACTIVE) ? "Nothing: the role is active." : "Sign in again.";
        return new RoleStatus("deploy", state, action, NOW,
                new RoleStatus.Role((assumedRoleArn != null) ? "555566667777" : "111122223333",
                        (assumedRoleArn != null) ? "Deployer" : "PowerUser", assumedRoleArn, "111122223333",
                        "PowerUser", "sso-session 'corp' (application properties)"),
                new SessionStatus.Credentials(null, expiresAt, null, null), null);
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return Map.entry(key, value);
    }
}
