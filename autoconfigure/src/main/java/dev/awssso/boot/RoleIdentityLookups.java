package dev.awssso.boot;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.regions.Region;

/**
 * Asks STS {@code GetCallerIdentity} who the credentials of a role belong to, by the role's name: the default
 * role's look-up, and one for each named role, made when first asked for (each has an STS client of its own, in
 * the region of its sign-in). Needs the SDK's {@code sts} module.
 */
public final class RoleIdentityLookups implements AutoCloseable {

    private final AwsSsoService service;

    private final Supplier<CallerIdentityLookup> defaultRole;

    private final @Nullable URI stsEndpoint;

    private final CallTimeouts timeouts;

    private final Map<String, CallerIdentityLookup> lookups = new ConcurrentHashMap<>();

    /**
     * @param service IAM Identity Center, whose roles are looked up
     * @param defaultRole the look-up of the default role, whose owner closes it, asked for when first needed
     * @param stsEndpoint the STS endpoint override, or {@code null} for the SDK's
     * @param timeouts time limits of the calls
     */
    public RoleIdentityLookups(AwsSsoService service, Supplier<CallerIdentityLookup> defaultRole,
            @Nullable URI stsEndpoint, CallTimeouts timeouts) {
        this.service = service;
        this.defaultRole = defaultRole;
        this.stsEndpoint = stsEndpoint;
        this.timeouts = timeouts;
    }

    /**
     * Who AWS sees behind the credentials of the role {@code name} now.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     * @throws IllegalStateException where IAM Identity Center is not configured
     */
    public CallerIdentity lookUp(String name) {
        NamedRole role = this.service.roles().definition(name);
        if (name.equals(NamedRole.DEFAULT_NAME)) {
            return this.defaultRole.get().lookUp();
        }
        return this.lookups.computeIfAbsent(name, (key) -> lookupOf(role)).lookUp();
    }

    private CallerIdentityLookup lookupOf(NamedRole role) {
        SsoSettings settings = role.sso();
        String region = (settings.region() != null) ? settings.region() : settings.ssoRegion();
        return new CallerIdentityLookup(this.service.roles().credentialsProvider(role.name()), Region.of(region),
                this.stsEndpoint, this.timeouts);
    }

    /** Closes the look-ups of the named roles; the default role's is left to its owner. */
    @Override
    public void close() {
        this.lookups.values().forEach(CallerIdentityLookup::close);
    }
}
