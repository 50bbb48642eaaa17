package dev.awssso.core.credentials;

import java.time.Instant;
import java.util.function.Supplier;

import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.token.SsoToken;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsResponse;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

/**
 * Exchanges an access token for the role's temporary credentials with the SSO portal's
 * {@code GetRoleCredentials}, keeping their expiry (which the SDK's own SSO provider drops) and the time of the
 * answer.
 */
public final class RoleCredentialsFetcher {

    /** The provider name the credentials carry, visible in SDK metrics and business metrics. */
    public static final String PROVIDER_NAME = "AwsSsoStarter";

    private final Supplier<SsoClient> portal;

    private final SsoSettings settings;

    /**
     * @param portal the SSO portal client, asked for on the first fetch
     */
    public RoleCredentialsFetcher(Supplier<SsoClient> portal, SsoSettings settings) {
        this.portal = portal;
        this.settings = settings;
    }

    /** Fetches credentials of the configured account and role with {@code token}. */
    Answer fetch(SsoToken token) {
        GetRoleCredentialsResponse response = this.portal.get()
            .getRoleCredentials((request) -> request.accessToken(token.accessToken())
                .accountId(this.settings.accountId())
                .roleName(this.settings.roleName()));
        RoleCredentials credentials = response.roleCredentials();
        if (credentials == null || credentials.accessKeyId() == null || credentials.secretAccessKey() == null
                || credentials.sessionToken() == null || credentials.expiration() == null) {
            throw SdkClientException.create("GetRoleCredentials answered without complete credentials");
        }
        return Answer.of(AwsSessionCredentials.builder()
            .accessKeyId(credentials.accessKeyId())
            .secretAccessKey(credentials.secretAccessKey())
            .sessionToken(credentials.sessionToken())
            .expirationTime(Instant.ofEpochMilli(credentials.expiration()))
            .accountId(this.settings.accountId())
            .providerName(PROVIDER_NAME)
            .build(), response.sdkHttpResponse());
    }
}
