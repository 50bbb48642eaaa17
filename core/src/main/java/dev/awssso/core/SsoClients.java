package dev.awssso.core;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.SigninClientBuilder;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * Builds the SDK clients of the SSO portal and SSO OIDC for one SSO region, and of AWS Sign-In for one region:
 * unsigned (these operations take the bearer token, client secret or DPoP proof instead), with the configured
 * timeouts and endpoint overrides.
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

    /**
     * An AWS Sign-In client over {@code http}, which the caller closes, with {@code proofs}, the interceptor that
     * adds the DPoP proof of each request. It does not retry: each attempt needs a proof of its own, and the engine
     * retries with its backoff.
     */
    public static SigninClient signin(String region, @Nullable URI endpoint, CallTimeouts timeouts,
            SdkHttpClient http, ExecutionInterceptor proofs) {
        SigninClientBuilder builder = configure(SigninClient.builder(), region, endpoint, timeouts, http);
        builder.overrideConfiguration((configuration) -> configuration.apiCallTimeout(timeouts.call())
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(proofs));
        return builder.build();
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
