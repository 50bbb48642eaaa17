package dev.awssso.core.status;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.credentials.AssumedRoleCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Takes {@link RoleStatus} snapshots of a role: the state of its sign-in where that decides (signed out, ended,
 * a sign-in pending, an unreadable cache), else the state of the role's own credentials, whatever another role of
 * the same sign-in does.
 */
final class RoleStatusAssembler {

    private RoleStatusAssembler() {
    }

    /**
     * A snapshot of {@code role}, served by {@code credentials}, whose sign-in stands as {@code session} says.
     */
    static RoleStatus snapshot(NamedRole role, RefreshingCredentialsProvider credentials,
            SessionStatus session) {
        RefreshFailure failure = credentials.lastFailure().orElse(null);
        AwsSessionCredentials current = credentials.currentCredentials().orElse(null);
        boolean held = credentials.holdsFreshCredentials();
        SessionState state = state(session, failure, held);
        return new RoleStatus(role.name(), state, nextAction(role, state, session, failure), session.at(),
                new RoleStatus.Role(role.accountId(), role.roleName(), role.assumedRoleArn(), role.sso().accountId(),
                        role.sso().roleName(), role.sso().describe()),
                new SessionStatus.Credentials((current != null) ? SessionStatusAssembler.mask(current.accessKeyId())
                        : null, credentials.expiresAt().orElse(null),
                        credentials.nextRefreshAt().orElse(null), credentials.lastRefresh().orElse(null)),
                (failure != null) ? new RoleStatus.Failure(failure.kind(), failure.errorType(), failure.message(),
                        failure.at()) : null);
    }

    private static SessionState state(SessionStatus session, @Nullable RefreshFailure failure, boolean held) {
        SessionState sessionState = session.state();
        boolean signedIn = session.token().expiresAt() != null;
        if (sessionState == SessionState.SIGNED_OUT || sessionState == SessionState.EXPIRED
                || sessionState == SessionState.LOGIN_PENDING || !signedIn) {
            return sessionState;
        }
        if (failure != null && failure.kind() != FailureKind.TRANSIENT && !held) {
            boolean sessionOver = failure.kind() == FailureKind.SESSION_ENDED
                    || failure.kind() == FailureKind.REFRESH_REFUSED;
            return sessionOver ? SessionState.EXPIRED : SessionState.UNUSABLE;
        }
        if (failure != null || tokenRefreshFailing(session)) {
            boolean fetchable = failure == null && session.token().expiresAt().isAfter(session.at());
            return (fetchable || held) ? SessionState.REFRESH_FAILING : SessionState.UNAVAILABLE;
        }
        return (sessionState == SessionState.EXPIRING) ? SessionState.EXPIRING : SessionState.ACTIVE;
    }

    /** Whether the token's refresh fails for a passing reason: one refused for good makes the session expire. */
    private static boolean tokenRefreshFailing(SessionStatus session) {
        return session.token().refreshable() && session.token().lastRefresh() != null
                && !session.token().lastRefresh().succeeded();
    }

    private static String nextAction(NamedRole role, SessionState state, SessionStatus session,
            @Nullable RefreshFailure failure) {
        return switch (state) {
            case UNUSABLE -> (failure != null && role.assumed()
                    && !AssumedRoleCredentialsProvider.SOURCE_FAILURE.equals(failure.errorType()))
                    ? "Allow the role to be assumed, or correct its assume-role settings: " + failure.message()
                    : "Ask an administrator to assign role '" + role.sso().roleName() + "' in account "
                            + role.sso().accountId() + " to the user, or correct the account and role of role '"
                            + role.name() + "'.";
            case REFRESH_FAILING -> "Nothing yet: the refresh is retried in the background while the current"
                    + " credentials last. If it keeps failing, check the network, the endpoints and the role.";
            case UNAVAILABLE -> "Nothing yet: no credentials of the role can be served until the refresh, retried in"
                    + " the background, succeeds. If it keeps failing, check the network, the endpoints and the role.";
            case ACTIVE -> "Nothing: the role is active.";
            default -> session.nextAction();
        };
    }
}
