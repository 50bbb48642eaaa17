package dev.awssso.core;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Credentials cannot be served because of the state of the IAM Identity Center sign-in. The message says what
 * happened and what to do (usually the command that signs in again); it never contains a secret.
 */
public final class SsoSessionException extends SdkClientException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public SsoSessionException(Reason reason, String message, @Nullable Throwable cause) {
        super(SdkClientException.builder().message(message).cause(cause));
        this.reason = reason;
    }

    /** Why credentials cannot be served. */
    public Reason reason() {
        return this.reason;
    }

    /** Why credentials cannot be served. */
    public enum Reason {

        /** Nobody has signed in: there is no token in the cache. */
        SIGNED_OUT,

        /** The access token ended and cannot be refreshed, or IAM Identity Center ended the session. */
        SESSION_ENDED,

        /** The token cache file exists but cannot be read or holds no valid token. */
        TOKEN_CACHE_UNREADABLE,

        /** The signed-in user may not use the configured account and role. */
        ACCESS_DENIED,

        /** IAM Identity Center could not be reached or answered with an error; retried in the background. */
        UNAVAILABLE,

        /** The application is stopping or the engine was closed: no credentials are fetched any more. */
        CLOSED
    }
}
