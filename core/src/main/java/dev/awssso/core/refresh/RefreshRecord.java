package dev.awssso.core.refresh;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of the last refresh of a token or of credentials, without any secret.
 *
 * @param at when the refresh finished
 * @param succeeded whether it succeeded
 * @param errorType AWS error code or exception type of a failure, {@code null} on success
 * @param message what went wrong, {@code null} on success
 */
public record RefreshRecord(Instant at, boolean succeeded, @Nullable String errorType, @Nullable String message) {

    /** A successful refresh at {@code at}. */
    public static RefreshRecord success(Instant at) {
        return new RefreshRecord(at, true, null, null);
    }

    /** A failed refresh. */
    public static RefreshRecord failure(RefreshFailure failure) {
        return new RefreshRecord(failure.at(), false, failure.errorType(), failure.message());
    }
}
