package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.refresh.FailureKind;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one role an application uses: which account and role it serves, where its
 * credentials stand and what to do next. It holds no secret: the access key id is masked.
 *
 * @param name the role's name ({@code default} for the default role, else its key under {@code aws.sso.roles})
 * @param state where the role stands: the state of its sign-in, or the role's own failure
 * @param nextAction what the user should do next, in plain words
 * @param at when this snapshot was taken
 * @param role the account and role served, and the Identity Center role and sign-in behind it
 * @param credentials the credentials being served, with their expiry, next and last refresh
 * @param failure the role's last failed refresh since its last success, or {@code null}
 */
public record RoleStatus(String name, SessionState state, String nextAction, Instant at, Role role,
        SessionStatus.Credentials credentials, @Nullable Failure failure) {

    /**
     * A snapshot of {@code role} now.
     * @param role how the role is configured
     * @param credentials the provider that serves it
     * @param session the status of its sign-in now
     * @return the snapshot
     */
    public static RoleStatus of(NamedRole role, RefreshingCredentialsProvider credentials, SessionStatus session) {
        return RoleStatusAssembler.snapshot(role, credentials, session);
    }

    /** Time left on the credentials being served, if any. */
    public Optional<Duration> credentialsTimeLeft() {
        Instant end = this.credentials.expiresAt();
        if (end == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(this.at, end);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * The account and role served.
     *
     * @param accountId the account whose credentials are served
     * @param roleName the role whose credentials are served
     * @param assumedRoleArn the ARN of the role assumed last, or {@code null} for an Identity Center role used as
     *     it is
     * @param ssoAccountId the account of the Identity Center role the credentials come from (or start from)
     * @param ssoRoleName the Identity Center role (permission set) they come from (or start from)
     * @param signIn the sign-in in words, such as {@code sso-session 'corp' (profile 'dev' in ...)}
     */
    public record Role(String accountId, String roleName, @Nullable String assumedRoleArn, String ssoAccountId,
            String ssoRoleName, String signIn) {
    }

    /**
     * A failed refresh of the role's credentials, without any secret.
     *
     * @param kind how it is handled: {@link FailureKind#ACCESS_DENIED} for a role the user may no longer use or
     *     assume
     * @param errorType AWS error code or exception type
     * @param message what went wrong
     * @param at when it happened
     */
    public record Failure(FailureKind kind, String errorType, String message, Instant at) {
    }
}
