package dev.awssso.autoconfigure;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.roles.ServedRole;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.regions.Region;

/**
 * Asks STS {@code GetCallerIdentity} who the credentials of a role belong to, by the role's name: the default
 * role's look-up, and one for each named role, made when first asked for (each has an STS client of its own, in
 * the region of its sign-in). Needs the SDK's {@code sts} module.
 */
public final class RoleIdentityLookups implements AutoCloseable {

    private final AwsSsoRoles roles;

    private final @Nullable URI stsEndpoint;

    private final CallTimeouts timeouts;

    private final Map<String, CallerIdentityLookup> lookups = new ConcurrentHashMap<>();

    /**
     * @param roles the roles
     * @param defaultRole the look-up of the default role, whose owner closes it
     * @param stsEndpoint the STS endpoint override, or {@code null} for the SDK's
     * @param timeouts time limits of the calls
     */
    public RoleIdentityLookups(AwsSsoRoles roles, CallerIdentityLookup defaultRole, @Nullable URI stsEndpoint,
            CallTimeouts timeouts) {
        this.roles = roles;
        this.stsEndpoint = stsEndpoint;
        this.timeouts = timeouts;
        this.lookups.put(NamedRole.DEFAULT_NAME, defaultRole);
    }

    /**
     * Who AWS sees behind the credentials of the role {@code name} now.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public CallerIdentity lookUp(String name) {
        ServedRole role = this.roles.role(name);
        return this.lookups.computeIfAbsent(name, (key) -> lookupOf(role)).lookUp();
    }

    private CallerIdentityLookup lookupOf(ServedRole role) {
        SsoSettings settings = role.definition().sso();
        String region = (settings.region() != null) ? settings.region() : settings.ssoRegion();
        return new CallerIdentityLookup(role.credentialsProvider(), Region.of(region), this.stsEndpoint,
                this.timeouts);
    }

    /** Closes the look-ups of the named roles; the default role's is left to its owner. */
    @Override
    public void close() {
        this.lookups.forEach((name, lookup) -> {
            if (!name.equals(NamedRole.DEFAULT_NAME)) {
                lookup.close();
            }
        });
    }
}
