package dev.awssso.core.refresh;

import java.time.Duration;

/**
 * When the next attempt after a failure may be made, on the monotonic clock ({@link System#nanoTime()}): setting
 * the wall clock back neither stretches a wait nor does setting it forward skip one. Expiries stay on the wall
 * clock, which is AWS's question; how long to wait is this machine's.
 */
public final class RetryTimer {

    private volatile long retryAtNanos = System.nanoTime();

    /** Allows the next attempt once {@code wait} has passed. */
    public void retryAfter(Duration wait) {
        this.retryAtNanos = System.nanoTime() + wait.toNanos();
    }

    /** Allows the next attempt at once. */
    public void retryNow() {
        this.retryAtNanos = System.nanoTime();
    }

    /** Whether the wait after the last failure has not passed yet. */
    public boolean waiting() {
        return this.retryAtNanos - System.nanoTime() > 0;
    }

    /** How long the wait after the last failure still lasts; zero once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, this.retryAtNanos - System.nanoTime()));
    }
}
