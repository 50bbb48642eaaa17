package dev.awssso.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.LoginSessionStatus;

/**
 * Health of an {@code aws login} session, whichever health API of Spring Boot reports it: up while valid credentials
 * can be served, down when signed out, ended or unusable, with the state, the principal, the expiries, the time left,
 * the warnings and the next action as details. Judges from the session state alone: no network call.
 */
public final class LoginSessionHealth implements AwsSsoHealthCheck {

    private final Supplier<LoginSessionStatus> status;

    /** @param status where the current status comes from */
    public LoginSessionHealth(Supplier<LoginSessionStatus> status) {
        this.status = status;
    }

    @Override
    public SessionHealth.Report check() {
        LoginSessionStatus current = this.status.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", current.state());
        details.put("action", current.nextAction());
        details.put("source", "aws login");
        details.put("profile", current.identity().profile());
        details.put("loginSession", current.identity().loginSession());
        details.put("account", current.identity().accountId());
        if (current.credentials().expiresAt() != null) {
            details.put("credentialsExpireAt", current.credentials().expiresAt().toString());
        }
        if (current.session().endsAt() != null) {
            details.put("sessionEndsAt", current.session().endsAt().toString());
            details.put("sessionTimeLeft", current.sessionTimeLeft().map(DurationWords::of).orElse(""));
        }
        if (!current.warnings().isEmpty()) {
            details.put("warnings", current.warnings());
        }
        return new SessionHealth.Report(current.state().canServeCredentials(), details);
    }
}
