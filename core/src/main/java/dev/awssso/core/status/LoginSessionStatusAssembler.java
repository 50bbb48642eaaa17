package dev.awssso.core.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.credentials.LoginSessionCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.signin.LoginSessionCache;
import dev.awssso.core.signin.LoginSessionToken;
import dev.awssso.core.token.TokenCacheException;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Takes {@link LoginSessionStatus} snapshots of an {@code aws login} session's provider, deciding the state and the
 * advice that goes with it.
 */
public final class LoginSessionStatusAssembler {

    private final LoginSessionSettings settings;

    private final LoginSessionCredentialsProvider credentials;

    private final Map<LoginSessionRole, RefreshingCredentialsProvider> roles;

    private final Duration expiringWithin;

    private final Clock clock;

    /**
     * @param roles the named roles and the providers that serve them, in their order
     * @param expiringWithin how close to its end a session counts as {@link SessionState#EXPIRING}
     */
    public LoginSessionStatusAssembler(LoginSessionSettings settings, LoginSessionCredentialsProvider credentials,
            Map<LoginSessionRole, RefreshingCredentialsProvider> roles, Duration expiringWithin, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.roles = new LinkedHashMap<>(roles);
        this.expiringWithin = expiringWithin;
        this.clock = clock;
    }

    /** A snapshot of now. */
    public LoginSessionStatus snapshot() {
        Instant now = this.clock.instant();
        LoginSessionCache cache = this.credentials.cache();
        LoginSessionToken token;
        List<String> warnings = new ArrayList<>();
        try {
            token = cache.current().orElse(null);
        }
        catch (TokenCacheException ex) {
            warnings.add(ex.getMessage());
            return status(SessionState.UNUSABLE, "Fix or remove the login cache file, then sign in with `"
                    + this.settings.signInCommand() + "`.", warnings, now, session(null));
        }
        SessionStatus.Session session = session(token);
        cache.pendingWrite().ifPresent(warnings::add);
        this.credentials.clockSkew().ifPresent((skew) -> warnings.add(SessionStatusAssembler.clockSkewWarning(skew)));
        SessionState state = state(token, session, now, warnings);
        return status(state, nextAction(state, session), warnings, now, session);
    }

    private LoginSessionStatus status(SessionState state, String nextAction, List<String> warnings, Instant now,
            SessionStatus.Session session) {
        List<LoginSessionStatus.Role> roleStatuses = new ArrayList<>();
        this.roles.forEach((role, provider) -> roleStatuses.add(role(role, provider, state, nextAction)));
        return new LoginSessionStatus(state, nextAction, warnings, now, identity(), credentialsStatus(this.credentials),
                session, roleStatuses);
    }

    /** The status of {@code role}: that of the session where it decides, else that of the role's credentials. */
    private static LoginSessionStatus.Role role(LoginSessionRole role, RefreshingCredentialsProvider provider,
            SessionState sessionState, String sessionAction) {
        RefreshFailure failure = provider.lastFailure().orElse(null);
        boolean held = provider.holdsFreshCredentials();
        boolean sessionDecides = sessionState == SessionState.SIGNED_OUT || sessionState == SessionState.EXPIRED
                || sessionState == SessionState.UNUSABLE || failure == null;
        SessionState state;
        String nextAction;
        if (sessionDecides) {
            state = sessionState;
            nextAction = (state == SessionState.ACTIVE) ? "Nothing: the role is active." : sessionAction;
        }
        else if (failure.kind() != FailureKind.TRANSIENT && !held) {
            state = (failure.kind() == FailureKind.SESSION_ENDED) ? SessionState.EXPIRED : SessionState.UNUSABLE;
            nextAction = (state == SessionState.UNUSABLE) ? "Allow the role to be assumed, or correct its"
                    + " assume-role settings: " + failure.message() : sessionAction;
        }
        else {
            state = held ? SessionState.REFRESH_FAILING : SessionState.UNAVAILABLE;
            nextAction = "Nothing yet: the role's refresh is retried in the background. If it keeps failing, check"
                    + " the network, the endpoints and the role: " + failure.message();
        }
        return new LoginSessionStatus.Role(role.name(), role.assumedRoleArn(), state, nextAction,
                credentialsStatus(provider), (failure != null) ? new RoleStatus.Failure(failure.kind(),
                        failure.errorType(), failure.message(), failure.at()) : null);
    }

    private SessionState state(@Nullable LoginSessionToken token, SessionStatus.Session session, Instant now,
            List<String> warnings) {
        if (token == null) {
            return SessionState.SIGNED_OUT;
        }
        Optional<RefreshFailure> failure = this.credentials.lastFailure();
        if (failure.isPresent() && failure.get().kind() == FailureKind.SESSION_ENDED) {
            warnings.add("AWS Sign-In ended the session: " + failure.get());
            return SessionState.EXPIRED;
        }
        if (failure.isPresent() && failure.get().kind() != FailureKind.TRANSIENT) {
            warnings.add(failure.get().message());
            return SessionState.UNUSABLE;
        }
        this.credentials.withdrawnExpiry().ifPresent((expiry) -> warnings.add("The credentials expire(d) at " + expiry
                + " and no new ones were had in time; the next caller waits for new ones."));
        if (failure.isPresent()) {
            warnings.add("Refresh failing, retried in the background: " + failure.get().message());
            return (this.credentials.holdsFreshCredentials() || !token.isExpired(now)) ? SessionState.REFRESH_FAILING
                    : SessionState.UNAVAILABLE;
        }
        if (session.endsAt() != null && Duration.between(now, session.endsAt()).compareTo(this.expiringWithin) <= 0) {
            warnings.add("The aws login session ends at " + session.endsAt() + ".");
            return SessionState.EXPIRING;
        }
        return SessionState.ACTIVE;
    }

    private SessionStatus.Session session(@Nullable LoginSessionToken token) {
        LoginSessionCache cache = this.credentials.cache();
        Instant signedInAt = (token != null) ? cache.signedInAt().orElse(null) : null;
        Instant endsAt = (signedInAt != null) ? signedInAt.plus(LoginSessionStatus.SESSION_DURATION) : null;
        return new SessionStatus.Session(signedInAt, endsAt, false);
    }

    private String nextAction(SessionState state, SessionStatus.Session session) {
        String signIn = "`" + this.settings.signInCommand() + "`";
        return switch (state) {
            case SIGNED_OUT -> "Sign in with " + signIn + ".";
            case EXPIRED -> "Sign in again with " + signIn + "; the application picks the new sign-in up at once.";
            case UNUSABLE -> this.credentials.lastFailure().map(RefreshFailure::errorType)
                .filter("INSUFFICIENT_PERMISSIONS"::equals)
                .map((ignored) -> "Ask an administrator to attach the policy SignInLocalDevelopmentAccess to "
                        + this.settings.loginSession() + ", then sign in again with " + signIn + ".")
                .orElse("Fix the login cache file, then sign in again with " + signIn + ".");
            case REFRESH_FAILING -> "Nothing yet: the refresh is retried in the background while the current"
                    + " credentials last. If it keeps failing, check the network and the endpoints.";
            case UNAVAILABLE -> "Nothing yet: no credentials can be served until the refresh, retried in the"
                    + " background, succeeds. If it keeps failing, check the network and the endpoints.";
            case EXPIRING -> "Sign in again with " + signIn + " before " + session.endsAt()
                    + " to keep the application working.";
            case LOGIN_PENDING -> "Complete the sign-in in the browser.";
            case ACTIVE -> "Nothing: the session is active.";
        };
    }

    private LoginSessionStatus.Identity identity() {
        return new LoginSessionStatus.Identity(this.settings.profileName(), this.settings.configFile().toString(),
                this.settings.loginSession(), this.settings.accountId(), this.settings.region(),
                this.credentials.cache().path().toString(), this.settings.signInCommand());
    }

    private static SessionStatus.Credentials credentialsStatus(RefreshingCredentialsProvider provider) {
        AwsSessionCredentials current = provider.currentCredentials().orElse(null);
        return new SessionStatus.Credentials((current != null) ? SessionStatusAssembler.mask(current.accessKeyId())
                : null, provider.expiresAt().orElse(null), provider.nextRefreshAt().orElse(null),
                provider.lastRefresh().orElse(null));
    }
}
