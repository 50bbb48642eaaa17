package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.refresh.RefreshFailure;

/**
 * Something that happened to an {@code aws login} session. Each event carries the status of the session right
 * after it; events about credentials name the role they concern ({@value #DEFAULT_ROLE} for the session's own, else
 * the role's name under {@code aws.sso.roles}).
 */
public sealed interface LoginSessionEvent {

    /** The name of the session's own credentials, which events about credentials carry unless they name a role. */
    String DEFAULT_ROLE = NamedRole.DEFAULT_NAME;

    /** The status after the event. */
    LoginSessionStatus status();

    /** A new {@code aws login} was found in the login cache: its credentials are served from now on. */
    record SignedIn(LoginSessionStatus status) implements LoginSessionEvent {
    }

    /**
     * New credentials were had: the session's own, or those of a named role.
     *
     * @param status the status after the event
     * @param role the name of the role
     * @param duration how long the call took: {@code CreateOAuth2Token}, or {@code AssumeRole} for a named role
     */
    record CredentialsRefreshed(LoginSessionStatus status, String role, Duration duration)
            implements LoginSessionEvent {
    }

    /**
     * The credentials of a role went stale before new ones could be had (the machine slept, or the refresh kept
     * failing) and are no longer served; the next caller waits for new ones.
     *
     * @param status the status after the event
     * @param role the name of the role
     */
    record CredentialsWithdrawn(LoginSessionStatus status, String role) implements LoginSessionEvent {
    }

    /**
     * A refresh of a role's credentials failed.
     *
     * @param failure why it failed, without secrets, with how long the call took when one was made
     * @param status the status after the failure
     * @param role the name of the role
     */
    record RefreshFailed(RefreshFailure failure, LoginSessionStatus status, String role)
            implements LoginSessionEvent {
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
