package dev.awssso.core.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh something that expires, and when to stop handing it out.
 * <p>
 * A value is refreshed {@code window} before it expires, but never earlier than half-way through its
 * lifetime, so that short-lived values (emulator sessions, short role sessions) are not refreshed on every
 * check. It is withdrawn shortly before it expires: a quarter of its lifetime, at most {@code staleMargin}
 * before.
 */
public final class RefreshTiming {

    private RefreshTiming() {
    }

    /**
     * When a value obtained at {@code obtainedAt} and expiring at {@code expiresAt} should be refreshed.
     */
    public static Instant refreshAt(Instant obtainedAt, Instant expiresAt, Duration window) {
        Duration halfLife = lifetime(obtainedAt, expiresAt).dividedBy(2);
        return expiresAt.minus(min(window, halfLife));
    }

    /**
     * From when a value obtained at {@code obtainedAt} and expiring at {@code expiresAt} must no longer be
     * handed out.
     */
    public static Instant staleAt(Instant obtainedAt, Instant expiresAt, Duration staleMargin) {
        Duration quarterLife = lifetime(obtainedAt, expiresAt).dividedBy(4);
        return expiresAt.minus(min(staleMargin, quarterLife));
    }

    private static Duration lifetime(Instant obtainedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        return lifetime.isNegative() ? Duration.ZERO : lifetime;
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }
}
