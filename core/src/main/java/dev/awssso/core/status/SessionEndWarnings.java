package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides when to warn that the Identity Center session is about to end: once per threshold (for example 30,
 * 10 and 5 minutes before) and per session. When several thresholds are crossed at once (an application
 * started late in a session), only the closest one is reported.
 */
public final class SessionEndWarnings {

    private final List<Duration> thresholds;

    private @Nullable Instant sessionEnd;

    private @Nullable Duration lastWarned;

    public SessionEndWarnings(List<Duration> thresholds) {
        this.thresholds = thresholds.stream().sorted(Comparator.reverseOrder()).toList();
    }

    /**
     * The threshold newly crossed by a session ending at {@code endsAt}, seen at {@code now}, if any. A
     * different end (a new sign-in) starts the count again.
     */
    public synchronized Optional<Duration> crossed(@Nullable Instant endsAt, Instant now) {
        if (endsAt == null) {
            return Optional.empty();
        }
        if (!endsAt.equals(this.sessionEnd)) {
            this.sessionEnd = endsAt;
            this.lastWarned = null;
        }
        Duration left = Duration.between(now, endsAt);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        List<Duration> crossed = new ArrayList<>();
        for (Duration threshold : this.thresholds) {
            if (left.compareTo(threshold) <= 0 && (this.lastWarned == null || threshold.compareTo(this.lastWarned) < 0)) {
                crossed.add(threshold);
            }
        }
        if (crossed.isEmpty()) {
            return Optional.empty();
        }
        Duration closest = crossed.get(crossed.size() - 1);
        this.lastWarned = closest;
        return Optional.of(closest);
    }
}
