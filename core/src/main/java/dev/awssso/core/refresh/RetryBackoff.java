package dev.awssso.core.refresh;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between failed refresh attempts: the n-th consecutive failure waits a random
 * time between half and all of {@code min(initial * 2^(n-1), max)}, so that many processes failing together
 * do not retry in step.
 *
 * @param initial wait after the first failure (before jitter)
 * @param max longest wait
 */
public record RetryBackoff(Duration initial, Duration max) {

    /** One second, doubling up to one minute. */
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** How long to wait after {@code consecutiveFailures} failures in a row (at least 1). */
    public Duration delayAfter(int consecutiveFailures) {
        int doublings = Math.min(Math.max(consecutiveFailures, 1) - 1, 30);
        long ceiling = Math.min(this.max.toMillis(), this.initial.toMillis() << doublings);
        if (ceiling <= 0) {
            ceiling = this.max.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
