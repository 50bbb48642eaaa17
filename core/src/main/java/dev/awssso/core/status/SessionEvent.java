package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.refresh.RefreshFailure;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to an IAM Identity Center sign-in or to one of its roles. Each event carries the status
 * of the sign-in right after it; events about credentials name the role they concern ({@value #DEFAULT_ROLE} for
 * the default role, else its name under {@code aws.sso.roles}).
 */
public sealed interface SessionEvent {

    /** The name of the default role, which events about credentials carry unless they name another. */
    String DEFAULT_ROLE = NamedRole.DEFAULT_NAME;

    /** The status after the event. */
    SessionStatus status();

    /** A new sign-in was found in the token cache. */
    record SignedIn(SessionStatus status) implements SessionEvent {
    }

    /** The token was removed from the cache. */
    record SignedOut(SessionStatus status) implements SessionEvent {
    }

    /**
     * The access token was refreshed.
     *
     * @param status the status after the event
     * @param duration how long {@code CreateToken} took
     */
    record TokenRefreshed(SessionStatus status, Duration duration) implements SessionEvent {
    }

    /**
     * New role credentials were fetched (from the portal, or from STS for an assumed role).
     *
     * @param status the status after the event
     * @param role the name of the role
     * @param duration how long the call ({@code GetRoleCredentials} or {@code AssumeRole}) took
     */
    record CredentialsRefreshed(SessionStatus status, String role, Duration duration) implements SessionEvent {

        /** The event for the default role. */
        public CredentialsRefreshed(SessionStatus status, Duration duration) {
            this(status, DEFAULT_ROLE, duration);
        }
    }

    /**
     * The role credentials went stale before new ones could be fetched (the machine slept, or the refresh kept
     * failing) and are no longer served; the next caller waits for new ones.
     *
     * @param status the status after the event
     * @param role the name of the role
     */
    record CredentialsWithdrawn(SessionStatus status, String role) implements SessionEvent {

        /** The event for the default role. */
        public CredentialsWithdrawn(SessionStatus status) {
            this(status, DEFAULT_ROLE);
        }
    }

    /**
     * A refresh failed.
     *
     * @param kind what was being refreshed
     * @param failure why it failed, without secrets, with how long the call took when one was made
     * @param status the status after the failure
     * @param role the name of the role whose credentials failed, or {@code null} for the token
     */
    record RefreshFailed(RefreshKind kind, RefreshFailure failure, SessionStatus status, @Nullable String role)
            implements SessionEvent {

        /** The event for the token, or for the credentials of the default role. */
        public RefreshFailed(RefreshKind kind, RefreshFailure failure, SessionStatus status) {
            this(kind, failure, status, (kind == RefreshKind.TOKEN) ? null : DEFAULT_ROLE);
        }
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

        /** The role credentials (SSO portal {@code GetRoleCredentials}, or STS {@code AssumeRole}). */
        CREDENTIALS
    }
}
