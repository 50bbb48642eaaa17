package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.refresh.RefreshFailure;

/**
 * Something that happened to an {@code aws login} session. Each event carries the status of the session right
 * after it.
 */
public sealed interface LoginSessionEvent {

    /** The status after the event. */
    LoginSessionStatus status();

    /** A new {@code aws login} was found in the login cache: its credentials are served from now on. */
    record SignedIn(LoginSessionStatus status) implements LoginSessionEvent {
    }

    /**
     * The session's credentials were refreshed.
     *
     * @param status the status after the event
     * @param duration how long {@code CreateOAuth2Token} took
     */
    record CredentialsRefreshed(LoginSessionStatus status, Duration duration) implements LoginSessionEvent {
    }

    /**
     * The credentials went stale before new ones could be had (the machine slept, or the refresh kept failing) and
     * are no longer served; the next caller waits for new ones.
     */
    record CredentialsWithdrawn(LoginSessionStatus status) implements LoginSessionEvent {
    }

    /**
     * A refresh failed.
     *
     * @param failure why it failed, without secrets, with how long the call took when one was made
     * @param status the status after the failure
     */
    record RefreshFailed(RefreshFailure failure, LoginSessionStatus status) implements LoginSessionEvent {
    }

    /**
     * The session ends within one of the configured warning thresholds.
     *
     * @param threshold the threshold that was crossed
     * @param endsAt when the session ends
     * @param timeLeft how long until then
     * @param status the status now
     */
    record SessionExpiring(Duration threshold, Instant endsAt, Duration timeLeft, LoginSessionStatus status)
            implements LoginSessionEvent {
    }

    /** The session has ended: credentials can no longer be had until the user signs in again. */
    record SessionExpired(LoginSessionStatus status) implements LoginSessionEvent {
    }
}
