package dev.awssso.core.credentials;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.refresh.DurationWords;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far AWS's clock is ahead of this machine's, measured from the {@code Date} of AWS's answers as the SDK's
 * signer does, so that expiries given by AWS's clock are read on this machine's. A laptop or a VM whose clock
 * drifted after a sleep would otherwise serve credentials past their end, or fetch new ones on every call.
 */
final class ClockSkew {

    private static final Logger logger = LoggerFactory.getLogger(ClockSkew.class);

    /** A {@code Date} has whole seconds and the answer took time to arrive: differences this small are noise. */
    static final Duration RESOLUTION = Duration.ofSeconds(2);

    /** From this skew on the status and the log say so. */
    static final Duration REPORTED = Duration.ofMinutes(1);

    private volatile Duration skew = Duration.ZERO;

    private boolean reported;

    /** AWS's clock minus this machine's, as last measured; zero within {@link #RESOLUTION}. */
    Duration current() {
        return this.skew;
    }

    /** The skew worth telling the user about: more than {@link #REPORTED} either way. */
    @Nullable Duration reported() {
        Duration current = this.skew;
        return (current.abs().compareTo(REPORTED) > 0) ? current : null;
    }

    /**
     * Measures the skew from an answer dated {@code serviceTime} by AWS that arrived at {@code arrivedAt} by this
     * machine's clock; keeps the last measurement when the answer was not dated.
     * @param operation the call that answered, for the log
     */
    synchronized Duration measure(@Nullable Instant serviceTime, Instant arrivedAt, String operation) {
        if (serviceTime == null) {
            return this.skew;
        }
        Duration measured = Duration.between(arrivedAt, serviceTime);
        this.skew = (measured.abs().compareTo(RESOLUTION) <= 0) ? Duration.ZERO : measured;
        boolean report = reported() != null;
        if (report && !this.reported) {
            logger.warn("This machine's clock is {} AWS's (measured from the Date of the {} answer): expiries are"
                    + " read on AWS's clock. Set the clock right, for example with NTP"
                    + " (`sudo timedatectl set-ntp true`, or `sudo hwclock -s` in WSL after a sleep).",
                    DurationWords.clockSkew(this.skew), operation);
        }
        else if (!report && this.reported) {
            logger.info("This machine's clock agrees with AWS's again (measured from the Date of the {} answer)",
                    operation);
        }
        this.reported = report;
        return this.skew;
    }
}
