package dev.awssso.core.credentials;

import java.time.Instant;

import dev.awssso.core.credentials.IdentityCenterCredentialsProvider.Timing;
import dev.awssso.core.refresh.RefreshTiming;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Role credentials with the times that matter for serving them: when to fetch new ones, and from when they
 * must no longer be handed out ({@link #staleAtMillis} as a primitive, compared with the wall clock on every
 * call without allocating).
 *
 * @param credentials the credentials
 * @param expiresAt when they expire
 * @param refreshAt when to fetch new ones
 * @param staleAtMillis from when, in epoch milliseconds, they are no longer handed out
 * @param arrivedAt when they arrived, by the wall clock
 * @param arrivedNanos when they arrived, by the monotonic clock ({@link System#nanoTime()}), which stands still
 *     while the machine sleeps
 */
record HeldCredentials(AwsSessionCredentials credentials, Instant expiresAt, Instant refreshAt, long staleAtMillis,
        Instant arrivedAt, long arrivedNanos) {

    /** Credentials whose answer arrived at {@code arrivedAt}, timed by {@code timing}. */
    static HeldCredentials of(AwsSessionCredentials credentials, Instant arrivedAt, Timing timing) {
        Instant expiresAt = credentials.expirationTime().orElseThrow();
        return new HeldCredentials(credentials, expiresAt,
                RefreshTiming.refreshAt(arrivedAt, expiresAt, timing.refreshWindow()),
                RefreshTiming.staleAt(arrivedAt, expiresAt, timing.staleMargin()).toEpochMilli(), arrivedAt,
                System.nanoTime());
    }

    @Override
    public String toString() {
        return "HeldCredentials[expiresAt=" + this.expiresAt + ", refreshAt=" + this.refreshAt + "]";
    }
}
