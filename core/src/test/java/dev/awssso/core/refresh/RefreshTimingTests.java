package dev.awssso.core.refresh;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTimingTests {

    private static final Instant OBTAINED = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void refreshesTheWindowBeforeExpiryForLongLivedValues() {
        Instant expiry = OBTAINED.plus(Duration.ofHours(1));
        assertThat(RefreshTiming.refreshAt(OBTAINED, expiry, Duration.ofMinutes(15)))
            .isEqualTo(expiry.minus(Duration.ofMinutes(15)));
    }

    @Test
    void refreshesShortLivedValuesHalfWayThroughTheirLifetime() {
        Instant expiry = OBTAINED.plusSeconds(20);
        assertThat(RefreshTiming.refreshAt(OBTAINED, expiry, Duration.ofMinutes(5))).isEqualTo(OBTAINED.plusSeconds(10));
    }

    @Test
    void withdrawsValuesShortlyBeforeExpiry() {
        Instant longExpiry = OBTAINED.plus(Duration.ofHours(1));
        assertThat(RefreshTiming.staleAt(OBTAINED, longExpiry, Duration.ofMinutes(1)))
            .isEqualTo(longExpiry.minus(Duration.ofMinutes(1)));
        Instant shortExpiry = OBTAINED.plusSeconds(8);
        assertThat(RefreshTiming.staleAt(OBTAINED, shortExpiry, Duration.ofMinutes(1))).isEqualTo(OBTAINED.plusSeconds(6));
    }

    @Test
    void anAlreadyExpiredValueIsDueAndStaleAtOnce() {
        Instant expiry = OBTAINED.minusSeconds(5);
        assertThat(RefreshTiming.refreshAt(OBTAINED, expiry, Duration.ofMinutes(5))).isEqualTo(expiry);
        assertThat(RefreshTiming.staleAt(OBTAINED, expiry, Duration.ofMinutes(1))).isEqualTo(expiry);
    }

    @RepeatedTest(20)
    void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(50)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
