package dev.awssso.core;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * Builds the SDK clients of the SSO portal and SSO OIDC for one SSO region: unsigned (these operations take
 * the bearer token or client secret instead), with the configured timeouts and endpoint overrides.
 */
public final class SsoClients {

    private SsoClients() {
    }

    /** An SSO OIDC client with its own HTTP client. */
    public static SsoOidcClient oidc(String ssoRegion, @Nullable URI endpoint, CallTimeouts timeouts) {
        return oidc(ssoRegion, endpoint, timeouts, httpClient(timeouts));
    }

    /** An SSO OIDC client over {@code http}, which the caller closes. */
    public static SsoOidcClient oidc(String ssoRegion, @Nullable URI endpoint, CallTimeouts timeouts,
            SdkHttpClient http) {
        return configure(SsoOidcClient.builder(), ssoRegion, endpoint, timeouts, http).build();
    }

    /** An SSO portal client with its own HTTP client. */
    public static SsoClient portal(String ssoRegion, @Nullable URI endpoint, CallTimeouts timeouts) {
        return portal(ssoRegion, endpoint, timeouts, httpClient(timeouts));
    }

    /** An SSO portal client over {@code http}, which the caller closes. */
    public static SsoClient portal(String ssoRegion, @Nullable URI endpoint, CallTimeouts timeouts,
            SdkHttpClient http) {
        return configure(SsoClient.builder(), ssoRegion, endpoint, timeouts, http).build();
    }

    /** An HTTP client with the connect and read timeouts. */
    public static SdkHttpClient httpClient(CallTimeouts timeouts) {
        return UrlConnectionHttpClient.builder()
            .connectionTimeout(timeouts.connect())
            .socketTimeout(timeouts.read())
            .build();
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder,
            String ssoRegion, @Nullable URI endpoint, CallTimeouts timeouts, SdkHttpClient http) {
        builder.region(Region.of(ssoRegion))
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .overrideConfiguration((configuration) -> configuration.apiCallTimeout(timeouts.call()));
        builder.httpClient(http);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
