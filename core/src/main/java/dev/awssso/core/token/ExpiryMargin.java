package dev.awssso.core.token;

import java.time.Duration;
import java.time.Instant;

/**
 * How long before its expiry an access token stops being handed out, so that a call made with it does not
 * reach AWS after it ended: one minute, as the AWS SDK's token provider does, or a quarter of the token's
 * lifetime when that is shorter (tokens that live seconds, as in tests).
 */
final class ExpiryMargin {

    /** The margin of a token that lives four minutes or longer. */
    static final Duration LONGEST = Duration.ofMinutes(1);

    private ExpiryMargin() {
    }

    /** The instant from which a token obtained at {@code obtainedAt}, expiring at {@code expiresAt}, is not used. */
    static Instant usableUntil(Instant obtainedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        if (lifetime.isNegative()) {
            return expiresAt;
        }
        Duration quarter = lifetime.dividedBy(4);
        return expiresAt.minus((quarter.compareTo(LONGEST) < 0) ? quarter : LONGEST);
    }
}
