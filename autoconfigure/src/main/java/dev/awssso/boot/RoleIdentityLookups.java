package dev.awssso.boot;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.regions.Region;

/**
 * Asks STS {@code GetCallerIdentity} who the credentials of a role belong to, by the role's name: one look-up per
 * role, the default role's included, made when first asked for, each with an STS client of its own in the region of
 * its sign-in. Needs the SDK's {@code sts} module.
 */
public final class RoleIdentityLookups implements AutoCloseable {

    private final AwsSsoService service;

    private final @Nullable URI stsEndpoint;

    private final CallTimeouts timeouts;

    private final Map<String, CallerIdentityLookup> lookups = new ConcurrentHashMap<>();

    /**
     * @param service IAM Identity Center, whose roles are looked up
     * @param stsEndpoint the STS endpoint override, or {@code null} for the SDK's
     * @param timeouts time limits of the calls
     */
    public RoleIdentityLookups(AwsSsoService service, @Nullable URI stsEndpoint, CallTimeouts timeouts) {
        this.service = service;
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
        return this.lookups.computeIfAbsent(name, (key) -> lookupOf(role)).lookUp();
    }

    private CallerIdentityLookup lookupOf(NamedRole role) {
        SsoSettings settings = role.sso();
        String region = (settings.region() != null) ? settings.region() : settings.ssoRegion();
        return new CallerIdentityLookup(this.service.roles().credentialsProvider(role.name()), Region.of(region),
                this.stsEndpoint, this.timeouts);
    }

    /** Closes the look-ups and their STS clients. */
    @Override
    public void close() {
        this.lookups.values().forEach(CallerIdentityLookup::close);
    }
}
