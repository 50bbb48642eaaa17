package dev.awssso.autoconfigure.health.boot3;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awssso.boot.health.AwsSsoHealthCheck;
import dev.awssso.boot.health.RoleHealth;
import dev.awssso.boot.health.SessionHealth;
import dev.awssso.boot.health.boot3.AwsSsoBoot3HealthIndicator;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring Boot 3 health indicator reports what {@link SessionHealth} finds, in Spring Boot 3's types. */
class AwsSsoBoot3HealthIndicatorTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void isUpWithTheSessionsDetailsWhileCredentialsCanBeServed() {
        SessionStatus active = status(SessionState.ACTIVE, NOW.plus(Duration.ofMinutes(90)));

        Health health = new AwsSsoBoot3HealthIndicator(new SessionHealth(() -> active, null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", SessionState.ACTIVE)
            .containsEntry("account", "111122223333")
            .containsEntry("tokenTimeLeft", "1h 30m")
            .containsKeys("action", "role", "tokenExpiresAt");
    }

    @Test
    void isDownWithTheNextActionWhileSignedOut() {
        SessionStatus signedOut = status(SessionState.SIGNED_OUT, null);

        Health health = new AwsSsoBoot3HealthIndicator(new SessionHealth(() -> signedOut, null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", SessionState.SIGNED_OUT)
            .containsEntry("action", "Run: aws sso login --sso-session corp")
            .doesNotContainKey("tokenExpiresAt");
    }

    @Test
    void aCheckThatFailsIsDownWithTheError() {
        SessionHealth failing = new SessionHealth(() -> {
            throw new IllegalStateException("The token cache cannot be read");
        }, null);

        Health health = new AwsSsoBoot3HealthIndicator(failing).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error",
                "java.lang.IllegalStateException: The token cache cannot be read");
    }

    @Test
    void withNamedRolesTheHealthIsACompositeOfTheSignInAndEachRole() {
        SessionStatus active = status(SessionState.ACTIVE, NOW.plus(Duration.ofMinutes(90)));
        Map<String, AwsSsoHealthCheck> checks = new LinkedHashMap<>();
        checks.put("default", new SessionHealth(() -> active, null));
        checks.put("tools", new RoleHealth(() -> role("tools", SessionState.UNUSABLE), null));

        HealthContributor contributor = AwsSsoBoot3HealthContributors.of(checks);

        assertThat(contributor).isInstanceOfSatisfying(CompositeHealthContributor.class, (composite) -> {
            assertThat(composite.stream().map(NamedContributor::getName)).containsExactly("default", "tools");
            assertThat(((HealthIndicator) composite.getContributor("default")).health().getStatus())
                .isEqualTo(Status.UP);
            Health tools = ((HealthIndicator) composite.getContributor("tools")).health();
            assertThat(tools.getStatus()).isEqualTo(Status.DOWN);
            assertThat(tools.getDetails()).containsEntry("state", SessionState.UNUSABLE)
                .containsEntry("account", "222233334444")
                .containsEntry("role", "ReadOnly");
        });
    }

    @Test
    void withoutNamedRolesTheHealthIsTheSingleIndicator() {
        SessionStatus active = status(SessionState.ACTIVE, NOW.plus(Duration.ofMinutes(90)));

        HealthContributor contributor = AwsSsoBoot3HealthContributors
            .of(Map.of("default", new SessionHealth(() -> active, null)));

        assertThat(contributor).isInstanceOf(AwsSsoBoot3HealthIndicator.class);
    }

    private static RoleStatus role(String name, SessionState state) {
        return new RoleStatus(name, state, "Ask an administrator to assign role 'ReadOnly' in account 222233334444.",
                NOW, new RoleStatus.Role("222233334444", "ReadOnly", null, "222233334444", "ReadOnly",
                        "sso-session 'corp' (application properties)"),
                new SessionStatus.Credentials(null, null, null, null), null);
    }

    private static SessionStatus status(SessionState state, Instant tokenExpiresAt) {
        String action = (state == SessionState.ACTIVE) ? "Nothing: the session is active."
                : "Run: aws sso login --sso-session corp";
        return new SessionStatus(state, action, List.of(), NOW,
                new SessionStatus.Identity("properties", null, null, "corp", "https://d-0000000000.awsapps.com/start",
                        "us-east-1", "111122223333", "ReadOnly"),
                new SessionStatus.Token("/home/user/.aws/sso/cache/x.json", tokenExpiresAt, true, null, null, null),
                new SessionStatus.Credentials(null, null, null, null), new SessionStatus.Session(null, null, false),
                null);
    }
}
