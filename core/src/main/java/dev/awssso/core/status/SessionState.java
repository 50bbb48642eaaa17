package dev.awssso.core.status;

/** Where an IAM Identity Center sign-in stands, from the application's point of view. */
public enum SessionState {

    /** Nobody has signed in: there is no token in the cache. */
    SIGNED_OUT,

    /** Credentials can be served and nothing needs attention. */
    ACTIVE,

    /** Credentials can be served, but the Identity Center session ends soon. */
    EXPIRING,

    /** The last refresh failed for a reason that may pass (network, throttling, 5xx); retried in the background. */
    REFRESH_FAILING,

    /**
     * A refresh failed for a reason that may pass and no valid credentials are held: calls fail until a retry in
     * the background succeeds.
     */
    UNAVAILABLE,

    /** The session has ended: the token expired without a way to refresh it, or a refresh was refused. */
    EXPIRED,

    /** The sign-in cannot be used: the cache file cannot be read, or the role is not assigned to the user. */
    UNUSABLE,

    /** A sign-in started from the application is waiting for the user. */
    LOGIN_PENDING;

    /** Whether credentials can be served in this state. */
    public boolean canServeCredentials() {
        return this == ACTIVE || this == EXPIRING || this == REFRESH_FAILING;
    }
}
