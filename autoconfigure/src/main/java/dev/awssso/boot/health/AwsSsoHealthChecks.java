package dev.awssso.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.web.OwnerRequests;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.SsoEngine;
import org.jspecify.annotations.Nullable;

/**
 * The checks the {@code awssso} health is made of, by name: {@value NamedRole#DEFAULT_NAME}, the sign-in and the
 * default role as the single indicator always reported, then one per named role. Without named roles the health is
 * the default check alone ({@code /actuator/health/awssso}); with them, a composite of these checks
 * ({@code /actuator/health/awssso/default}, {@code /actuator/health/awssso/tools}, ...).
 */
public final class AwsSsoHealthChecks {

    private AwsSsoHealthChecks() {
    }

    /**
     * The checks of the engine and the roles of {@code service}.
     * @param service IAM Identity Center, configured
     * @param identityChecks ask STS who each role's credentials belong to on every check, or {@code null} not to
     * @return the checks, the default first, in the order of the roles
     * @throws IllegalStateException where IAM Identity Center is not configured
     */
    public static Map<String, AwsSsoHealthCheck> of(AwsSsoService service,
            @Nullable RoleIdentityLookups identityChecks) {
        SsoEngine engine = service.engine();
        AwsSsoRoles roles = service.roles();
        Map<String, AwsSsoHealthCheck> checks = new LinkedHashMap<>();
        checks.put(NamedRole.DEFAULT_NAME,
                ownersDetails(new SessionHealth(engine::status, identityOf(NamedRole.DEFAULT_NAME, identityChecks))));
        for (String name : roles.names()) {
            if (!name.equals(NamedRole.DEFAULT_NAME)) {
                checks.put(name, ownersDetails(new RoleHealth(() -> roles.status(name),
                        identityOf(name, identityChecks))));
            }
        }
        return checks;
    }

    private static @Nullable Supplier<CallerIdentity> identityOf(String role,
            @Nullable RoleIdentityLookups identityChecks) {
        return (identityChecks != null) ? () -> identityChecks.lookUp(role) : null;
    }

    /**
     * The check, whose details (account, roles, ARNs, the next action) only the user who runs the application gets
     * over HTTP; anyone else gets the state alone (see {@link OwnerRequests}).
     */
    static AwsSsoHealthCheck ownersDetails(AwsSsoHealthCheck check) {
        return () -> {
            if (!OwnerRequests.currentIsNotOwners()) {
                return check.check();
            }
            SessionHealth.Report report = check.check();
            Object state = report.details().get("state");
            return new SessionHealth.Report(report.up(), (state != null) ? Map.of("state", state) : Map.of());
        };
    }
}
