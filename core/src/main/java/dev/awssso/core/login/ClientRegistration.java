package dev.awssso.core.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An OIDC client registered with IAM Identity Center for signing in, as the AWS CLI caches it.
 *
 * @param clientId the client id
 * @param clientSecret the client secret (secret)
 * @param expiresAt when the registration ends
 * @param scopes the scopes it was registered for
 * @param grantTypes the grant types it was registered for, or {@code null} (device code registrations)
 */
record ClientRegistration(String clientId, String clientSecret, Instant expiresAt, List<String> scopes,
        @Nullable List<String> grantTypes) {

    /** How long before its end a registration is no longer reused, as in the AWS CLI. */
    static final Duration EXPIRY_WINDOW = Duration.ofMinutes(15);

    static final String AUTHORIZATION_CODE = "authorization_code";

    static final String REFRESH_TOKEN = "refresh_token";

    public ClientRegistration {
        scopes = List.copyOf(scopes);
        grantTypes = (grantTypes != null) ? List.copyOf(grantTypes) : null;
    }

    /** Whether this registration can serve {@code flow} at {@code now}: more than 15 minutes left, right grant. */
    public boolean usableFor(LoginFlow flow, Instant now) {
        if (!now.plus(EXPIRY_WINDOW).isBefore(this.expiresAt)) {
            return false;
        }
        boolean authorizationCode = this.grantTypes != null && this.grantTypes.contains(AUTHORIZATION_CODE);
        return (flow == LoginFlow.PKCE) == authorizationCode;
    }

    @Override
    public String toString() {
        return "ClientRegistration[clientId=" + this.clientId + ", expiresAt=" + this.expiresAt + ", scopes="
                + this.scopes + ", grantTypes=" + this.grantTypes + "]";
    }
}
