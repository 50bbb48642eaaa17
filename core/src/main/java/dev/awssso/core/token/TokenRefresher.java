package dev.awssso.core.token;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * Exchanges a refresh token for a new access token with SSO OIDC {@code CreateToken} ({@code refresh_token}
 * grant).
 */
public final class TokenRefresher {

    private static final String REFRESH_TOKEN_GRANT = "refresh_token";

    private final Supplier<SsoOidcClient> oidc;

    private final Clock clock;

    /**
     * @param oidc the SSO OIDC client, asked for on the first refresh
     */
    public TokenRefresher(Supplier<SsoOidcClient> oidc, Clock clock) {
        this.oidc = oidc;
        this.clock = clock;
    }

    /**
     * Refreshes {@code token}, which must be refreshable ({@link SsoToken#whyNotRefreshable}). The new expiry
     * counts from before the call, so it is never later than the service meant.
     * @return the refreshed token, keeping the current refresh token when the service returned none
     */
    public SsoToken refresh(SsoToken token) {
        Instant requestedAt = this.clock.instant();
        CreateTokenResponse response = this.oidc.get().createToken((request) -> request.grantType(REFRESH_TOKEN_GRANT)
            .clientId(token.clientId())
            .clientSecret(token.clientSecret())
            .refreshToken(token.refreshToken()));
        if (response.accessToken() == null || response.expiresIn() == null) {
            throw SdkClientException.create("CreateToken answered without an access token or expiry");
        }
        if (response.expiresIn() <= 0) {
            throw SdkClientException.create("CreateToken answered an access token that expires in "
                    + response.expiresIn() + " s; the token in the cache is kept");
        }
        return token.refreshed(response.accessToken(), requestedAt.plusSeconds(response.expiresIn()),
                response.refreshToken());
    }
}
