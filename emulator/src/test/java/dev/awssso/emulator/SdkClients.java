package dev.awssso.emulator;

import java.time.Duration;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Real AWS SDK clients pointed at an emulator, without retries so that every call is one request.
 */
final class SdkClients implements AutoCloseable {

    final SsoClient sso;

    final SsoOidcClient oidc;

    final StsClient sts;

    SdkClients(IdentityCenterEmulator emulator) {
        this(emulator, null);
    }

    /**
     * Clients whose call attempts time out after {@code attemptTimeout}, or never if {@code null}.
     */
    SdkClients(IdentityCenterEmulator emulator, Duration attemptTimeout) {
        this.sso = SsoClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> configure(config, attemptTimeout))
            .build();
        this.oidc = SsoOidcClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> configure(config, attemptTimeout))
            .build();
        this.sts = StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> configure(config, attemptTimeout))
            .build();
    }

    private static void configure(ClientOverrideConfiguration.Builder config, Duration attemptTimeout) {
        config.retryStrategy(AwsRetryStrategy.doNotRetry());
        if (attemptTimeout != null) {
            config.apiCallAttemptTimeout(attemptTimeout);
        }
    }

    CreateTokenResponse refresh(EmulatedSession session, String refreshToken) {
        return this.oidc.createToken((request) -> request.clientId(session.clientId())
            .clientSecret(session.clientSecret())
            .grantType("refresh_token")
            .refreshToken(refreshToken));
    }

    RoleCredentials roleCredentials(String accessToken, String accountId, String roleName) {
        return this.sso.getRoleCredentials((request) -> request.accessToken(accessToken)
            .accountId(accountId)
            .roleName(roleName)).roleCredentials();
    }

    RoleCredentials roleCredentials(String accessToken) {
        return roleCredentials(accessToken, IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
                IdentityCenterEmulator.DEFAULT_ROLE_NAME);
    }

    GetCallerIdentityResponse callerIdentity(RoleCredentials credentials) {
        AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        return this.sts.getCallerIdentity((request) -> request.overrideConfiguration(
                (config) -> config.credentialsProvider(StaticCredentialsProvider.create(session))));
    }

    /** {@code AssumeRole} signed with {@code credentials}. */
    AssumeRoleResponse assumeRole(AwsSessionCredentials credentials, Consumer<AssumeRoleRequest.Builder> request) {
        return this.sts.assumeRole((builder) -> request.accept(builder.overrideConfiguration(
                (config) -> config.credentialsProvider(StaticCredentialsProvider.create(credentials)))));
    }

    static AwsSessionCredentials sessionCredentials(RoleCredentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    static AwsSessionCredentials sessionCredentials(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    /** {@code GetCallerIdentity} signed with {@code credentials}. */
    GetCallerIdentityResponse callerIdentity(AwsSessionCredentials credentials) {
        return this.sts.getCallerIdentity((request) -> request.overrideConfiguration(
                (config) -> config.credentialsProvider(StaticCredentialsProvider.create(credentials))));
    }

    @Override
    public void close() {
        this.sso.close();
        this.oidc.close();
        this.sts.close();
    }

}
