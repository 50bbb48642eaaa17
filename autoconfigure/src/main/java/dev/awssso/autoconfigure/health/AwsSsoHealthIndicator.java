package dev.awssso.autoconfigure.health;

import java.util.function.Supplier;

import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the IAM Identity Center sign-in: UP while valid credentials can be served, DOWN when signed out,
 * expired or unusable, with the state, the expiries, the time left, the warnings and the next action as
 * details. Judges from the session state alone (no network call) unless an identity check is configured.
 */
public class AwsSsoHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<SessionStatus> status;

    private final @Nullable CallerIdentityLookup identityCheck;

    /**
     * @param status where the current status comes from
     * @param identityCheck asks STS who the credentials belong to on every check, or {@code null} not to
     */
    public AwsSsoHealthIndicator(Supplier<SessionStatus> status, @Nullable CallerIdentityLookup identityCheck) {
        super("IAM Identity Center health check failed");
        this.status = status;
        this.identityCheck = identityCheck;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SessionStatus current = this.status.get();
        builder.status(current.state().canServeCredentials() ? Status.UP : Status.DOWN);
        builder.withDetail("state", current.state())
            .withDetail("action", current.nextAction())
            .withDetail("account", current.identity().accountId())
            .withDetail("role", current.identity().roleName());
        detail(builder, "tokenExpiresAt", current.token().expiresAt());
        detail(builder, "tokenTimeLeft", current.tokenTimeLeft().map(DurationWords::of).orElse(null));
        detail(builder, "credentialsExpireAt", current.credentials().expiresAt());
        detail(builder, "credentialsTimeLeft",
                current.credentialsTimeLeft().map(DurationWords::of).orElse(null));
        detail(builder, "sessionEndsAt", current.session().endsAt());
        detail(builder, "sessionTimeLeft", current.sessionTimeLeft().map(DurationWords::of).orElse(null));
        if (!current.warnings().isEmpty()) {
            builder.withDetail("warnings", current.warnings());
        }
        if (this.identityCheck != null && current.state().canServeCredentials()) {
            CallerIdentity identity = this.identityCheck.lookUp();
            builder.withDetail("arn", identity.arn());
        }
    }

    private static void detail(Health.Builder builder, String name, @Nullable Object value) {
        if (value != null) {
            builder.withDetail(name, value.toString());
        }
    }
}
