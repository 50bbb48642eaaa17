package dev.awssso.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.LoginSessionStatus;

/**
 * Health of an {@code aws login} session, whichever health API of Spring Boot reports it: up while valid credentials
 * of the session and of each of its named roles can be served, down when signed out, ended or unusable, with the
 * state, the principal, the expiries, the time left, the warnings, the next action and the state of each role as
 * details. Judges from the states alone: no network call.
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
        boolean up = current.state().canServeCredentials();
        if (!current.roles().isEmpty()) {
            Map<String, Object> roles = new LinkedHashMap<>();
            for (LoginSessionStatus.Role role : current.roles()) {
                Map<String, Object> roleDetails = new LinkedHashMap<>();
                roleDetails.put("state", role.state());
                roleDetails.put("action", role.nextAction());
                if (role.assumedRoleArn() != null) {
                    roleDetails.put("assumedRole", role.assumedRoleArn());
                }
                roles.put(role.name(), roleDetails);
                up &= role.state().canServeCredentials();
            }
            details.put("roles", roles);
        }
        return new SessionHealth.Report(up, details);
    }
}
