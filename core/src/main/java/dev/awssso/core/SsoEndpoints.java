package dev.awssso.core;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Endpoint overrides for the AWS services the engine calls (VPC endpoints, FIPS endpoints, the emulator).
 * A {@code null} endpoint means the SDK's default for the region.
 *
 * @param oidc SSO OIDC endpoint ({@code CreateToken}, sign-in)
 * @param portal SSO portal endpoint ({@code GetRoleCredentials})
 * @param sts STS endpoint ({@code GetCallerIdentity})
 */
public record SsoEndpoints(@Nullable URI oidc, @Nullable URI portal, @Nullable URI sts) {

    /** The SDK's default endpoints. */
    public static final SsoEndpoints DEFAULT = new SsoEndpoints(null, null, null);

    /** One endpoint for all services, as the emulator serves them. */
    public static SsoEndpoints all(URI endpoint) {
        return new SsoEndpoints(endpoint, endpoint, endpoint);
    }
}
