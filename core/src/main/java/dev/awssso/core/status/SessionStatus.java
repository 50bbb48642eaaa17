package dev.awssso.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.awssso.core.refresh.RefreshRecord;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of an IAM Identity Center sign-in: who is signed in for which role, when the token,
 * the role credentials and the session end, how the last refreshes went, and what to do next. It holds no
 * secret: the access key id is masked and tokens are absent.
 *
 * @param state where the sign-in stands
 * @param nextAction what the user should do next, in plain words
 * @param warnings things that need attention, in plain words
 * @param at when this snapshot was taken
 * @param identity the configured sign-in and role
 * @param token the access token
 * @param credentials the role credentials
 * @param session the Identity Center session
 * @param login the last sign-in started from the application, unless it succeeded; {@code null} otherwise
 */
public record SessionStatus(SessionState state, String nextAction, List<String> warnings, Instant at,
        Identity identity, Token token, Credentials credentials, Session session, @Nullable Login login) {

    public SessionStatus {
        warnings = List.copyOf(warnings);
    }

    /** Time left on the access token, if there is one. */
    public Optional<Duration> tokenTimeLeft() {
        return timeLeft(this.token.expiresAt());
    }

    /** Time left on the role credentials being served, if any. */
    public Optional<Duration> credentialsTimeLeft() {
        return timeLeft(this.credentials.expiresAt());
    }

    /** Time left until the Identity Center session ends, if known. */
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
     * The configured sign-in and role.
     *
     * @param source where the settings came from, in words
     * @param profile profile of the shared config file, or {@code null} when only properties were used
     * @param configFile shared config file, or {@code null} when only properties were used
     * @param sessionName sso-session name, or {@code null} for the legacy form
     * @param startUrl AWS access portal URL
     * @param ssoRegion region of the Identity Center instance
     * @param accountId account of the role
     * @param roleName role name
     */
    public record Identity(String source, @Nullable String profile, @Nullable String configFile,
            @Nullable String sessionName, String startUrl, String ssoRegion, String accountId, String roleName) {
    }

    /**
     * The access token.
     *
     * @param cacheFile the token cache file shared with the AWS CLI
     * @param expiresAt when the access token ends, or {@code null} without a token
     * @param refreshable whether it can be refreshed with a refresh token
     * @param notRefreshableReason why it cannot be refreshed, or {@code null}
     * @param nextRefreshAt when it will be refreshed next, or {@code null}
     * @param lastRefresh the outcome of the last refresh, or {@code null}
     */
    public record Token(String cacheFile, @Nullable Instant expiresAt, boolean refreshable,
            @Nullable String notRefreshableReason, @Nullable Instant nextRefreshAt, @Nullable RefreshRecord lastRefresh) {
    }

    /**
     * The role credentials.
     *
     * @param accessKeyId the access key id being served, masked ({@code ASIA…WXYZ}), or {@code null}
     * @param expiresAt when they end, on this machine's clock (corrected for a skew from AWS's), or {@code null} when
     *     none are held
     * @param nextRefreshAt when they will be fetched again, or {@code null}
     * @param lastRefresh the outcome of the last fetch, or {@code null}
     */
    public record Credentials(@Nullable String accessKeyId, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt, @Nullable RefreshRecord lastRefresh) {
    }

    /**
     * A sign-in started from the application, without its page or code: with them anyone could approve it with an
     * identity of their own, so only whoever started it gets them (the sign-in's answer).
     *
     * @param flow {@code PKCE} or {@code DEVICE_CODE}
     * @param state {@code PENDING}, {@code FAILED} or {@code CANCELLED}
     * @param expiresAt when the sign-in stops waiting
     * @param failure why it failed, or {@code null}
     */
    public record Login(String flow, String state, Instant expiresAt, @Nullable String failure) {
    }

    /**
     * The Identity Center session.
     *
     * @param signedInAt when the sign-in happened, as far as can be told, or {@code null}
     * @param endsAt when the session ends: estimated from the sign-in time and the configured session
     *     duration, or known, or {@code null}
     * @param endConfirmed whether {@code endsAt} is known rather than estimated
     */
    public record Session(@Nullable Instant signedInAt, @Nullable Instant endsAt, boolean endConfirmed) {
    }
}
