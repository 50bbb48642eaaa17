package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.refresh.RefreshFailure;

/**
 * Something that happened to an IAM Identity Center sign-in. Each event carries the status right after it.
 */
public sealed interface SessionEvent {

    /** The status after the event. */
    SessionStatus status();

    /** A new sign-in was found in the token cache. */
    record SignedIn(SessionStatus status) implements SessionEvent {
    }

    /** The token was removed from the cache. */
    record SignedOut(SessionStatus status) implements SessionEvent {
    }

    /** The access token was refreshed. */
    record TokenRefreshed(SessionStatus status) implements SessionEvent {
    }

    /** New role credentials were fetched. */
    record CredentialsRefreshed(SessionStatus status) implements SessionEvent {
    }

    /**
     * The role credentials went stale before new ones could be fetched (the machine slept, or the refresh kept
     * failing) and are no longer served; the next caller waits for new ones.
     */
    record CredentialsWithdrawn(SessionStatus status) implements SessionEvent {
    }

    /**
     * A refresh failed.
     *
     * @param kind what was being refreshed
     * @param failure why it failed, without secrets
     * @param status the status after the failure
     */
    record RefreshFailed(RefreshKind kind, RefreshFailure failure, SessionStatus status) implements SessionEvent {
    }

    /**
     * The Identity Center session ends within one of the configured warning thresholds.
     *
     * @param threshold the threshold that was crossed
     * @param endsAt when the session ends
     * @param timeLeft how long until then
     * @param status the status now
     */
    record SessionExpiring(Duration threshold, Instant endsAt, Duration timeLeft, SessionStatus status)
            implements SessionEvent {
    }

    /** The session has ended: credentials can no longer be fetched until the user signs in again. */
    record SessionExpired(SessionStatus status) implements SessionEvent {
    }

    /** What a refresh was for. */
    enum RefreshKind {

        /** The access token (SSO OIDC {@code CreateToken}). */
        TOKEN,

        /** The role credentials (SSO portal {@code GetRoleCredentials}). */
        CREDENTIALS
    }
}
