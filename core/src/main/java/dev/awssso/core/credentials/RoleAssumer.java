package dev.awssso.core.credentials;

import java.net.URI;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.internal.LazyClient;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Calls STS {@code AssumeRole} with the SDK's {@link StsClient}, signed with the credentials of the step before,
 * and keeps the expiry of what it answers and the time of the answer. Its client is built on the first call, over
 * an HTTP client it does not own. Needs the SDK's {@code sts} module: check {@link #available()} before making one.
 */
public final class RoleAssumer implements AutoCloseable {

    private static final String STS_CLIENT = "software.amazon.awssdk.services.sts.StsClient";

    private final LazyClient<StsClient> sts;

    /**
     * Creates an assumer; nothing is built or called yet.
     * @param region the region of the STS endpoint
     * @param endpoint an endpoint override, or {@code null} for the region's STS endpoint
     * @param timeouts the time limit of a call (connect and read limits are those of {@code http})
     * @param http the HTTP client, which the caller closes
     */
    public RoleAssumer(String region, @Nullable URI endpoint, CallTimeouts timeouts, SdkHttpClient http) {
        this.sts = new LazyClient<>("STS", () -> {
            StsClientBuilder builder = StsClient.builder()
                .region(Region.of(region))
                // every call is signed with the credentials it is given
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration((configuration) -> configuration.apiCallTimeout(timeouts.call()));
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        });
    }

    /** Whether the SDK's {@code sts} module is on the class path. */
    public static boolean available() {
        try {
            Class.forName(STS_CLIENT, false, RoleAssumer.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Assumes the role of {@code step} with {@code source}. */
    Answer assume(AwsCredentials source, AssumeRoleSpec step) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
            .roleArn(step.roleArn())
            .roleSessionName(step.sessionName())
            .overrideConfiguration((configuration) -> configuration
                .credentialsProvider(StaticCredentialsProvider.create(source)));
        if (step.externalId() != null) {
            request.externalId(step.externalId());
        }
        if (step.duration() != null) {
            request.durationSeconds((int) step.duration().toSeconds());
        }
        AssumeRoleResponse response = this.sts.get().assumeRole(request.build());
        Credentials credentials = response.credentials();
        if (credentials == null || credentials.accessKeyId() == null || credentials.secretAccessKey() == null
                || credentials.sessionToken() == null || credentials.expiration() == null) {
            throw SdkClientException.create("AssumeRole answered without complete credentials");
        }
        return Answer.of(AwsSessionCredentials.builder()
            .accessKeyId(credentials.accessKeyId())
            .secretAccessKey(credentials.secretAccessKey())
            .sessionToken(credentials.sessionToken())
            .expirationTime(credentials.expiration())
            .accountId(step.accountId())
            .providerName(RoleCredentialsFetcher.PROVIDER_NAME)
            .build(), response.sdkHttpResponse());
    }

    @Override
    public void close() {
        this.sts.close();
    }
}
