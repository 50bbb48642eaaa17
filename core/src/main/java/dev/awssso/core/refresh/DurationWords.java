package dev.awssso.core.refresh;

import java.time.Duration;

/** Durations as people read them: {@code 7h 59m}, {@code 4m 05s}, {@code 12s}, {@code 350ms}. */
public final class DurationWords {

    private DurationWords() {
    }

    /** {@code duration} in words; negative durations count as zero. */
    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "0s";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return "%dh %02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
        }
        if (seconds >= 60) {
            return "%dm %02ds".formatted(seconds / 60, seconds % 60);
        }
        return (seconds >= 1) ? seconds + "s" : duration.toMillis() + "ms";
    }

    /**
     * How this machine's clock stands to AWS's in words, such as {@code 10m 00s behind} or {@code 2h 00m ahead of}.
     * @param skew AWS's clock minus this machine's
     */
    public static String clockSkew(Duration skew) {
        return of(skew.abs()) + (skew.isNegative() ? " ahead of" : " behind");
    }
}
