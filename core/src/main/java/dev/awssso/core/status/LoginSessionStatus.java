package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of an {@code aws login} session: who signed in, when the credentials and the session end,
 * how the last refresh went, and what to do next. It holds no secret: the access key id is masked.
 *
 * @param state where the session stands
 * @param nextAction what the user should do next, in plain words
 * @param warnings things that need attention, in plain words
 * @param at when this snapshot was taken
 * @param identity the profile and the signed-in principal
 * @param credentials the session's credentials being served
 * @param session the session, which ends 12 hours after {@code aws login} at most
 * @param roles the named roles served over the session, in their order
 */
public record LoginSessionStatus(SessionState state, String nextAction, List<String> warnings, Instant at,
        Identity identity, SessionStatus.Credentials credentials, SessionStatus.Session session, List<Role> roles) {

    /** How long an {@code aws login} session lasts at most. */
    public static final Duration SESSION_DURATION = Duration.ofHours(12);

    public LoginSessionStatus {
        warnings = List.copyOf(warnings);
        roles = List.copyOf(roles);
    }

    /** Time left until the credentials being served expire, if any are. */
    public Optional<Duration> credentialsTimeLeft() {
        return timeLeft(this.credentials.expiresAt());
    }

    /** Time left until the credentials of the named role {@code role} expire, if any are served. */
    public Optional<Duration> credentialsTimeLeft(String role) {
        return this.roles.stream().filter((named) -> named.name().equals(role)).findFirst()
            .flatMap((named) -> timeLeft(named.credentials().expiresAt()));
    }

    /** Time left until the session ends, if known. */
    public Optional<Duration> sessionTimeLeft() {
        return timeLeft(this.session.endsAt());
    }

    private Optional<Duration> timeLeft(@Nullable Instant end) {
        if (end == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(this.at, end);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * The profile and the signed-in principal.
     *
     * @param profile the {@code aws login} profile
     * @param configFile the shared config file that holds it
     * @param loginSession the ARN of the signed-in principal
     * @param accountId its account
     * @param region the region of the session's AWS Sign-In calls
     * @param cacheFile the login cache file shared with the AWS CLI
     * @param signInCommand the command that signs in again
     */
    public record Identity(String profile, String configFile, String loginSession, String accountId, String region,
            String cacheFile, String signInCommand) {
    }

    /**
     * A named role served over the session.
     *
     * @param name the role's name, its key under {@code aws.sso.roles}
     * @param assumedRoleArn the role assumed last, or {@code null} for the session's own credentials
     * @param state where the role stands: the session's state where that decides, else that of its own credentials
     * @param nextAction what the user should do next, in plain words
     * @param credentials the role's credentials being served, with their expiry, next and last refresh
     * @param failure the role's last failed refresh since its last success, or {@code null}
     */
    public record Role(String name, @Nullable String assumedRoleArn, SessionState state, String nextAction,
            SessionStatus.Credentials credentials, RoleStatus.@Nullable Failure failure) {
    }
}
