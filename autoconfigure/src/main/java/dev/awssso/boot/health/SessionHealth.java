package dev.awssso.boot.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Health of the IAM Identity Center sign-in, whichever health API of Spring Boot reports it: up while valid
 * credentials can be served, down when signed out, expired or unusable, with the state, the expiries, the time
 * left, the warnings and the next action as details. Judges from the session state alone (no network call)
 * unless an identity check is configured. Both the Spring Boot 4 and the Spring Boot 3 health indicator report
 * what this class finds.
 */
public final class SessionHealth implements AwsSsoHealthCheck {

    private final Supplier<SessionStatus> status;

    private final @Nullable Supplier<CallerIdentity> identityCheck;

    /**
     * @param status where the current status comes from
     * @param identityCheck asks STS who the credentials belong to on every check, or {@code null} not to
     */
    public SessionHealth(Supplier<SessionStatus> status, @Nullable Supplier<CallerIdentity> identityCheck) {
        this.status = status;
        this.identityCheck = identityCheck;
    }

    /**
     * Checks the sign-in now.
     * @return whether it is up, and the details to show
     * @throws RuntimeException when the identity check is configured and STS cannot be asked or refuses
     */
    @Override
    public Report check() {
        SessionStatus current = this.status.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", current.state());
        details.put("action", current.nextAction());
        details.put("account", current.identity().accountId());
        details.put("role", current.identity().roleName());
        detail(details, "tokenExpiresAt", current.token().expiresAt());
        detail(details, "tokenTimeLeft", current.tokenTimeLeft().map(DurationWords::of).orElse(null));
        detail(details, "credentialsExpireAt", current.credentials().expiresAt());
        detail(details, "credentialsTimeLeft", current.credentialsTimeLeft().map(DurationWords::of).orElse(null));
        detail(details, "sessionEndsAt", current.session().endsAt());
        detail(details, "sessionTimeLeft", current.sessionTimeLeft().map(DurationWords::of).orElse(null));
        if (!current.warnings().isEmpty()) {
            details.put("warnings", current.warnings());
        }
        boolean up = current.state().canServeCredentials();
        if (this.identityCheck != null && up) {
            CallerIdentity identity = this.identityCheck.get();
            details.put("arn", identity.arn());
        }
        return new Report(up, details);
    }

    private static void detail(Map<String, Object> details, String name, @Nullable Object value) {
        if (value != null) {
            details.put(name, value.toString());
        }
    }

    /**
     * What a check found.
     *
     * @param up whether credentials can be served
     * @param details the state, the next action, the account and role, the expiries and times left (those
     *     known), the warnings (if any) and, with the identity check, the caller's ARN, in that order
     */
    public record Report(boolean up, Map<String, Object> details) {

        public Report {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }
}
