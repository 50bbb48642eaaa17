package dev.awssso.core.refresh;

/** How a failed call to IAM Identity Center is handled. */
public enum FailureKind {

    /** Network error, timeout, 5xx or throttling: retried with backoff while valid credentials are served. */
    TRANSIENT,

    /** The Identity Center session has ended or the token was rejected: no retry until the user signs in again. */
    SESSION_ENDED,

    /** The signed-in user may not use the configured account and role. */
    ACCESS_DENIED,

    /** The service refused the request for another reason (for example a malformed account id). */
    REJECTED,

    /**
     * IAM Identity Center refuses to refresh the access token for a reason that a retry does not change (the user
     * or client may not, the registration's scopes, the client registration): not refreshed again until a new
     * sign-in.
     */
    REFRESH_REFUSED
}
