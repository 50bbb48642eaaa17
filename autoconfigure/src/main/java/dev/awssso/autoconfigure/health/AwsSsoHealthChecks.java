package dev.awssso.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.awssso.autoconfigure.AwsSsoRoles;
import dev.awssso.autoconfigure.RoleIdentityLookups;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.NamedRole;
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
     * The checks of {@code engine} and its {@code roles}.
     * @param identityCheck asks STS who the default role's credentials belong to on every check, or {@code null}
     * @param roleIdentityChecks asks STS who a named role's credentials belong to on every check, or {@code null}
     * @return the checks, the default first, in the order of the roles
     */
    public static Map<String, AwsSsoHealthCheck> of(SsoEngine engine, @Nullable AwsSsoRoles roles,
            @Nullable CallerIdentityLookup identityCheck, @Nullable RoleIdentityLookups roleIdentityChecks) {
        Map<String, AwsSsoHealthCheck> checks = new LinkedHashMap<>();
        checks.put(NamedRole.DEFAULT_NAME, new SessionHealth(engine::status, identityCheck));
        if (roles != null) {
            for (String name : roles.names()) {
                if (!name.equals(NamedRole.DEFAULT_NAME)) {
                    Supplier<CallerIdentity> roleIdentity = (roleIdentityChecks != null)
                            ? () -> roleIdentityChecks.lookUp(name) : null;
                    checks.put(name, new RoleHealth(() -> roles.status(name), roleIdentity));
                }
            }
        }
        return checks;
    }
}
