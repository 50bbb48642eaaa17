package dev.awssso.benchmarks;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The floor for credentials that can change: {@link #resolveCredentials()} is one volatile read, and something
 * else replaces the credentials.
 */
public final class VolatileCredentialsProvider implements AwsCredentialsProvider {

    private volatile AwsCredentials credentials;

    public VolatileCredentialsProvider(AwsCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return this.credentials;
    }

    /** Serves {@code credentials} from now on. */
    public void replace(AwsCredentials credentials) {
        this.credentials = credentials;
    }
}
