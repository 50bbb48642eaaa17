package dev.awssso.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.RoleStatus;
import org.jspecify.annotations.Nullable;

/**
 * Health of a named role: up while valid credentials of the role can be served, down when its sign-in is signed
 * out or ended, or the role is unusable (its assignment removed, or the role may not be assumed), with the role's
 * state, next action, account and role, assumed role, sign-in and credentials' expiry as details. Judges from the
 * role's state alone (no network call) unless an identity check is configured.
 */
public final class RoleHealth implements AwsSsoHealthCheck {

    private final Supplier<RoleStatus> status;

    private final @Nullable Supplier<CallerIdentity> identityCheck;

    /**
     * @param status where the role's current status comes from
     * @param identityCheck asks STS who the role's credentials belong to on every check, or {@code null} not to
     */
    public RoleHealth(Supplier<RoleStatus> status, @Nullable Supplier<CallerIdentity> identityCheck) {
        this.status = status;
        this.identityCheck = identityCheck;
    }

    @Override
    public SessionHealth.Report check() {
        RoleStatus current = this.status.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", current.state());
        details.put("action", current.nextAction());
        details.put("account", current.role().accountId());
        details.put("role", current.role().roleName());
        detail(details, "assumedRoleArn", current.role().assumedRoleArn());
        details.put("signIn", current.role().signIn());
        detail(details, "credentialsExpireAt", current.credentials().expiresAt());
        detail(details, "credentialsTimeLeft", current.credentialsTimeLeft().map(DurationWords::of).orElse(null));
        boolean up = current.state().canServeCredentials();
        if (this.identityCheck != null && up) {
            details.put("arn", this.identityCheck.get().arn());
        }
        return new SessionHealth.Report(up, details);
    }

    private static void detail(Map<String, Object> details, String name, @Nullable Object value) {
        if (value != null) {
            details.put(name, value.toString());
        }
    }
}
