package dev.awssso.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Asks STS who the application is. */
@Service
public class IdentityService {

    private final StsClient sts;

    private final ObjectProvider<AwsCredentialsProvider> credentials;

    IdentityService(StsClient sts, ObjectProvider<AwsCredentialsProvider> credentials) {
        this.sts = sts;
        this.credentials = credentials;
    }

    /**
     * Calls {@code GetCallerIdentity}.
     * @throws software.amazon.awssdk.core.exception.SdkException when AWS cannot be called, for example because
     *     the IAM Identity Center session has ended (the message says how to sign in again)
     */
    public CallerIdentity callerIdentity() {
        GetCallerIdentityResponse response = this.sts.getCallerIdentity();
        return new CallerIdentity(response.account(), response.arn(), response.userId(), credentialsExpireAt());
    }

    private @Nullable Instant credentialsExpireAt() {
        AwsCredentialsProvider provider = this.credentials.getIfAvailable();
        return (provider != null) ? provider.resolveCredentials().expirationTime().orElse(null) : null;
    }
}
