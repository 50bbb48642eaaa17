package dev.awssso.benchmarks;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The floor for a provider that may never hand out expired credentials: one volatile read of the credentials
 * and one comparison of {@link System#currentTimeMillis()} with their stale time, a primitive {@code long}.
 * Without the clock read nothing can tell, on the calling thread, that the credentials went stale while the
 * machine slept.
 */
public final class ClockCheckedCredentialsProvider implements AwsCredentialsProvider {

    private volatile Held held;

    public ClockCheckedCredentialsProvider(AwsCredentials credentials, long staleAtMillis) {
        this.held = new Held(credentials, staleAtMillis);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        Held current = this.held;
        if (System.currentTimeMillis() < current.staleAtMillis()) {
            return current.credentials();
        }
        throw new IllegalStateException("The credentials are stale");
    }

    private record Held(AwsCredentials credentials, long staleAtMillis) {
    }
}
