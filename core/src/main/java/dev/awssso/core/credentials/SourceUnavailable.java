package dev.awssso.core.credentials;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.refresh.RefreshFailure;
import org.jspecify.annotations.Nullable;

/**
 * What a call for credentials needs (a usable access token, the credentials of the source role) cannot be had.
 * Its owner (the token manager, the source provider) remembers and retries that failure, so the provider records it
 * without remembering it for its callers.
 */
final class SourceUnavailable extends RuntimeException {

    private final SsoSessionException error;

    private final @Nullable RefreshFailure failure;

    /**
     * @param error what the caller gets
     * @param failure what the provider records as its refresh's failure, or {@code null} to record nothing (signed
     *     out, closed)
     */
    SourceUnavailable(SsoSessionException error, @Nullable RefreshFailure failure) {
        super(error.getMessage(), null, false, false);
        this.error = error;
        this.failure = failure;
    }

    SsoSessionException error() {
        return this.error;
    }

    @Nullable RefreshFailure failure() {
        return this.failure;
    }
}
