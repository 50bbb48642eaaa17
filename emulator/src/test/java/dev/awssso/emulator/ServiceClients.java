package dev.awssso.emulator;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real SDK clients of the services called with role credentials (Parameter Store, Secrets Manager, STS),
 * signing with the given credentials, pointed at an emulator, without retries so that every call is one request.
 */
final class ServiceClients implements AutoCloseable {

    final SsmClient ssm;

    final SecretsManagerClient secretsManager;

    final StsClient sts;

    ServiceClients(IdentityCenterEmulator emulator, AwsCredentials credentials) {
        StaticCredentialsProvider provider = StaticCredentialsProvider.create(credentials);
        this.ssm = SsmClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
            .credentialsProvider(provider)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
        this.secretsManager = SecretsManagerClient.builder().endpointOverride(emulator.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(provider)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
        this.sts = StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
            .credentialsProvider(provider)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    ServiceClients(IdentityCenterEmulator emulator, RoleCredentials credentials) {
        this(emulator, sessionCredentials(credentials));
    }

    static AwsSessionCredentials sessionCredentials(RoleCredentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    @Override
    public void close() {
        this.ssm.close();
        this.secretsManager.close();
        this.sts.close();
    }

}
