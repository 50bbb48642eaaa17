package dev.awssso.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.internal.LoopbackHosts;
import org.jspecify.annotations.Nullable;

/**
 * Endpoint overrides for the AWS services the engine calls (VPC endpoints, FIPS endpoints, the emulator).
 * A {@code null} endpoint means the SDK's default for the region.
 *
 * @param oidc SSO OIDC endpoint ({@code CreateToken}, sign-in)
 * @param portal SSO portal endpoint ({@code GetRoleCredentials})
 * @param sts STS endpoint ({@code GetCallerIdentity})
 * @param signin AWS Sign-In endpoint ({@code CreateOAuth2Token}, the refresh of an {@code aws login} session)
 */
public record SsoEndpoints(@Nullable URI oidc, @Nullable URI portal, @Nullable URI sts, @Nullable URI signin) {

    /** Endpoint overrides for the three Identity Center services, and the SDK's default for AWS Sign-In. */
    public SsoEndpoints(@Nullable URI oidc, @Nullable URI portal, @Nullable URI sts) {
        this(oidc, portal, sts, null);
    }

    /** The SDK's default endpoints. */
    public static final SsoEndpoints DEFAULT = new SsoEndpoints(null, null, null, null);

    /** One endpoint for all services, as the emulator serves them. */
    public static SsoEndpoints all(URI endpoint) {
        return new SsoEndpoints(endpoint, endpoint, endpoint, endpoint);
    }

    /**
     * The overrides that would send tokens, client secrets or credentials in clear text: plain {@code http} to
     * another machine.
     */
    public List<ConfigurationProblem> cleartextProblems() {
        List<ConfigurationProblem> problems = new ArrayList<>();
        addIfCleartext(problems, "oidc", this.oidc);
        addIfCleartext(problems, "portal", this.portal);
        addIfCleartext(problems, "sts", this.sts);
        addIfCleartext(problems, "signin", this.signin);
        return problems;
    }

    private static void addIfCleartext(List<ConfigurationProblem> problems, String name, @Nullable URI endpoint) {
        if (endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())
                && !LoopbackHosts.isLoopback(endpoint.getHost())) {
            problems.add(new ConfigurationProblem("The endpoint override aws.sso.endpoint." + name + "=" + endpoint
                    + " is plain http to another machine: tokens and secrets would travel in clear text",
                    "use https (aws.sso.endpoint." + name + "=https://" + endpoint.getRawAuthority()
                            + "...), or remove the override."));
        }
    }
}
