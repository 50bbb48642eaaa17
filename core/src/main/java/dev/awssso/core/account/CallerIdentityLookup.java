package dev.awssso.core.account;

import java.net.URI;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoClients;
import dev.awssso.core.internal.LazyClient;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Asks STS {@code GetCallerIdentity} who the credentials belong to: the application's own
 * {@code aws sts get-caller-identity}. Needs the SDK's {@code sts} module.
 */
public final class CallerIdentityLookup implements SdkAutoCloseable {

    private final LazyClient<StsClient> sts;

    /** Creates a look-up; its STS client is built on the first look-up. */
    public CallerIdentityLookup(AwsCredentialsProvider credentials, Region region, @Nullable URI endpoint,
            CallTimeouts timeouts) {
        this.sts = new LazyClient<>("STS", () -> {
            StsClientBuilder builder = StsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(SsoClients.httpClient(timeouts))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeouts.call()).build());
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        });
    }

    /** Who AWS sees behind the credentials now. */
    public CallerIdentity lookUp() {
        GetCallerIdentityResponse response = this.sts.get().getCallerIdentity();
        return new CallerIdentity(response.account(), response.arn(), response.userId());
    }

    @Override
    public void close() {
        this.sts.close();
    }
}
