package dev.awssso.core.refresh;

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
 */
public record RefreshFailure(FailureKind kind, String errorType, String message, Instant at,
        @Nullable Throwable cause) {

    @Override
    public String toString() {
        return this.errorType + ": " + this.message;
    }
}
