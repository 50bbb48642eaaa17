package dev.awssso.core.refresh;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A failed refresh, described without any secret.
 *
 * @param kind how the failure is handled
 * @param errorType AWS error code (for example {@code InvalidGrantException}) or exception type
 * @param message what went wrong, safe to log and show
 * @param at when it happened
 * @param cause the exception, kept only when its messages cannot carry response bodies
 * @param duration how long the call to AWS that failed took, or {@code null} when the refresh failed before or
 *     without a call (an unreadable token cache, a source role that cannot be had)
 */
public record RefreshFailure(FailureKind kind, String errorType, String message, Instant at,
        @Nullable Throwable cause, @Nullable Duration duration) {

    /** A failure without a call to AWS. */
    public RefreshFailure(FailureKind kind, String errorType, String message, Instant at, @Nullable Throwable cause) {
        this(kind, errorType, message, at, cause, null);
    }

    /** This failure, of a call to AWS that took {@code callDuration}. */
    public RefreshFailure withDuration(Duration callDuration) {
        return new RefreshFailure(this.kind, this.errorType, this.message, this.at, this.cause, callDuration);
    }

    @Override
    public String toString() {
        return this.errorType + ": " + this.message;
    }
}
