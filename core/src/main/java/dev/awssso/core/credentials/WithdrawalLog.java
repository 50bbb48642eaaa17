package dev.awssso.core.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why credentials were withdrawn before new ones arrived, naming the cause a provider can tell: its last
 * refresh failed (the session ended, the network is down), or the wall clock moved ahead of the monotonic clock
 * (the machine slept, or its clock was set forward).
 */
final class WithdrawalLog {

    private static final Logger logger = LoggerFactory.getLogger(WithdrawalLog.class);

    /** How far the wall clock must run ahead of the monotonic clock to tell of a sleep or a clock step. */
    private static final Duration SLEEP_EVIDENCE = Duration.ofSeconds(10);

    private final Clock clock;

    WithdrawalLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Logs that {@code stale} are no longer served.
     * @param what the credentials in words, such as {@code the role credentials of role 'ReadOnly' in account
     *     111122223333}
     * @param lastFailure the provider's last failed refresh since its last success, if any
     */
    void withdrawn(String what, HeldCredentials stale, @Nullable RefreshFailure lastFailure) {
        Instant now = this.clock.instant();
        String cause;
        if (lastFailure != null) {
            cause = (lastFailure.kind() == FailureKind.SESSION_ENDED)
                    ? " (the IAM Identity Center session has ended: " + lastFailure + ")"
                    : " (the last refresh failed: " + lastFailure + ")";
        }
        else {
            Duration wall = Duration.between(stale.arrivedAt(), now);
            Duration monotonic = Duration.ofNanos(System.nanoTime() - stale.arrivedNanos());
            Duration gap = wall.minus(monotonic);
            cause = (gap.compareTo(SLEEP_EVIDENCE) > 0) ? " (the machine may have slept: the wall clock moved "
                    + DurationWords.of(gap) + " more than the monotonic clock)" : "";
        }
        logger.warn("{} expire at {} and no new ones arrived in time{}; they are no longer served and the next caller"
                + " waits for new ones.", what, stale.expiresAt(), cause);
    }
}
