package dev.awssso.core.credentials;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.credentials.RefreshingCredentialsProvider.Timing;
import dev.awssso.core.refresh.RefreshTiming;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Credentials with the times that matter for serving them, on this machine's clock: when to fetch new ones, and
 * from when they must no longer be handed out ({@link #staleAtMillis} as a primitive, compared with the wall clock
 * on every call without allocating).
 *
 * @param credentials the credentials, with the expiry AWS gave them, on AWS's clock
 * @param expiresAt when they expire, on this machine's clock
 * @param refreshAt when to fetch new ones
 * @param staleAtMillis from when, in epoch milliseconds, they are no longer handed out
 * @param arrivedAt when they arrived, by the wall clock
 * @param arrivedNanos when they arrived, by the monotonic clock ({@link System#nanoTime()}), which stands still
 *     while the machine sleeps
 */
record HeldCredentials(AwsSessionCredentials credentials, Instant expiresAt, Instant refreshAt, long staleAtMillis,
        Instant arrivedAt, long arrivedNanos) {

    /**
     * Credentials that arrived at {@code arrivedAt}, timed by {@code timing}.
     * @param skew how far AWS's clock is ahead of this machine's
     */
    static HeldCredentials of(AwsSessionCredentials credentials, Instant arrivedAt, Duration skew, Timing timing) {
        Instant expiresAt = credentials.expirationTime().orElseThrow().minus(skew);
        return new HeldCredentials(credentials, expiresAt,
                RefreshTiming.refreshAt(arrivedAt, expiresAt, timing.refreshWindow()),
                RefreshTiming.staleAt(arrivedAt, expiresAt, timing.staleMargin()).toEpochMilli(), arrivedAt,
                System.nanoTime());
    }

    /** Whether they may be handed out at {@code nowMillis}, by the wall clock. */
    boolean freshAt(long nowMillis) {
        return nowMillis < this.staleAtMillis;
    }

    @Override
    public String toString() {
        return "HeldCredentials[expiresAt=" + this.expiresAt + ", refreshAt=" + this.refreshAt + "]";
    }
}
