package dev.awssso.core.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginPrompt;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheException;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Takes {@link SessionStatus} snapshots of a token manager and a credentials provider, deciding the state and
 * the advice that goes with it.
 */
public final class SessionStatusAssembler {

    private final SsoSettings settings;

    private final TokenManager tokens;

    private final IdentityCenterCredentialsProvider credentials;

    private final Duration sessionDuration;

    private final Duration expiringWithin;

    private final Clock clock;

    private final Supplier<Optional<LoginAttempt>> lastLogin;

    private final Supplier<Optional<String>> configChange;

    /**
     * @param sessionDuration how long an Identity Center session lasts, to estimate when it ends
     * @param expiringWithin how close to its end a session counts as {@link SessionState#EXPIRING}
     * @param lastLogin the last sign-in started from the application
     * @param configChange a change of the configured account or role that waits for a restart, in words
     */
    public SessionStatusAssembler(SsoSettings settings, TokenManager tokens,
            IdentityCenterCredentialsProvider credentials, Duration sessionDuration, Duration expiringWithin,
            Clock clock, Supplier<Optional<LoginAttempt>> lastLogin, Supplier<Optional<String>> configChange) {
        this.settings = settings;
        this.tokens = tokens;
        this.credentials = credentials;
        this.sessionDuration = sessionDuration;
        this.expiringWithin = expiringWithin;
        this.clock = clock;
        this.lastLogin = lastLogin;
        this.configChange = configChange;
    }

    /** A snapshot of now. */
    public SessionStatus snapshot() {
        Instant now = this.clock.instant();
        SsoToken token = this.tokens.currentToken().orElse(null);
        Optional<String> notRefreshable = this.tokens.whyNotRefreshable();
        SessionStatus.Session session = session(token, notRefreshable.isPresent());
        List<String> warnings = new ArrayList<>();
        this.settings.legacyAdvice().ifPresent(warnings::add);
        this.configChange.get().ifPresent(warnings::add);
        this.credentials.clockSkew().ifPresent((skew) -> warnings.add(clockSkewWarning(skew)));
        SessionState state = state(token, notRefreshable, session, now, warnings);
        LoginAttempt login = this.lastLogin.get()
            .filter((attempt) -> attempt.state() != LoginAttempt.State.SUCCEEDED)
            .orElse(null);
        if (login != null && login.state() == LoginAttempt.State.PENDING && !state.canServeCredentials()) {
            state = SessionState.LOGIN_PENDING;
        }
        String nextAction = (state == SessionState.LOGIN_PENDING) ? pendingInstructions(login.prompt())
                : nextAction(state, token, session);
        return new SessionStatus(state, nextAction, warnings, now, identity(), tokenStatus(token, notRefreshable, now),
                credentialsStatus(), session, (login != null) ? loginStatus(login) : null);
    }

    private static SessionStatus.Login loginStatus(LoginAttempt attempt) {
        LoginPrompt prompt = attempt.prompt();
        return new SessionStatus.Login(prompt.flow().name(), attempt.state().name(), prompt.expiresAt(),
                attempt.failure().orElse(null));
    }

    /**
     * What a pending sign-in waits for, without the PKCE page or the device code: anyone who has them can approve
     * the sign-in with an identity of their own, so only whoever started it gets them.
     */
    private static String pendingInstructions(LoginPrompt prompt) {
        return ((prompt.flow() == LoginFlow.PKCE) ? "Approve the sign-in in the browser page given when it started"
                : "Confirm the code given when the sign-in started, at the page given with it,")
                + " before " + prompt.expiresAt() + ", or cancel it and sign in again.";
    }

    private SessionState state(@Nullable SsoToken token, Optional<String> notRefreshable, SessionStatus.Session session,
            Instant now, List<String> warnings) {
        this.tokens.pendingWrite().ifPresent((pending) -> warnings.add(pending.message()));
        TokenCacheException unreadable = this.tokens.unreadableFile().orElse(null);
        if (unreadable != null) {
            warnings.add(unreadable.getMessage());
            if (token == null) {
                return SessionState.UNUSABLE;
            }
        }
        if (token == null) {
            return SessionState.SIGNED_OUT;
        }
        Optional<RefreshFailure> ended = this.tokens.sessionEnd();
        if (ended.isPresent()) {
            warnings.add("IAM Identity Center ended the session: " + ended.get());
            return SessionState.EXPIRED;
        }
        if (token.isExpired(now) && notRefreshable.isPresent()) {
            warnings.add("The access token expired at " + token.expiresAt() + " and cannot be refreshed: "
                    + notRefreshable.get());
            return SessionState.EXPIRED;
        }
        Optional<RefreshFailure> credentialsFailure = this.credentials.lastFailure();
        if (credentialsFailure.isPresent() && credentialsFailure.get().kind() != FailureKind.TRANSIENT
                && this.credentials.currentCredentials().isEmpty()) {
            warnings.add(credentialsFailure.get().message());
            return SessionState.UNUSABLE;
        }
        Optional<RefreshFailure> refused = this.tokens.refreshRefusal();
        if (refused.isPresent()) {
            warnings.add("IAM Identity Center refuses to refresh the access token (" + refused.get()
                    + "): the session ends when it expires, at " + token.expiresAt() + ".");
            return SessionState.EXPIRING;
        }
        this.credentials.withdrawnExpiry().ifPresent((expiry) -> warnings.add("The role credentials expire at "
                + expiry + " and no new ones were fetched in time; the next caller waits for new ones."));
        Optional<RefreshFailure> failing = credentialsFailure.or(this.tokens::lastFailure);
        if (failing.isPresent()) {
            warnings.add("Refresh failing, retried in the background: " + failing.get().message());
            boolean fetchable = credentialsFailure.isEmpty() && !token.isExpired(now);
            return (fetchable || this.credentials.holdsFreshCredentials()) ? SessionState.REFRESH_FAILING : SessionState.UNAVAILABLE;
        }
        if (session.endsAt() != null && Duration.between(now, session.endsAt()).compareTo(this.expiringWithin) <= 0) {
            warnings.add("The IAM Identity Center session ends at " + session.endsAt() + ".");
            return SessionState.EXPIRING;
        }
        return SessionState.ACTIVE;
    }


    private SessionStatus.Session session(@Nullable SsoToken token, boolean notRefreshable) {
        if (token == null) {
            return new SessionStatus.Session(null, null, false);
        }
        Instant signedInAt = this.tokens.signedInAt().orElse(null);
        Optional<RefreshFailure> ended = this.tokens.sessionEnd();
        if (ended.isPresent()) {
            return new SessionStatus.Session(signedInAt, ended.get().at(), true);
        }
        if (notRefreshable) {
            return new SessionStatus.Session(signedInAt, token.expiresAt(), true);
        }
        Instant estimate = (signedInAt != null) ? signedInAt.plus(this.sessionDuration) : null;
        if (estimate != null && token.expiresAt().isAfter(estimate)) {
            estimate = token.expiresAt();
        }
        return new SessionStatus.Session(signedInAt, estimate, false);
    }

    private String nextAction(SessionState state, @Nullable SsoToken token, SessionStatus.Session session) {
        String signIn = "`" + this.settings.signInCommand() + "`";
        String refusalFix = this.tokens.refreshRefusal()
            .map((refused) -> FailureClassifier.refusedRefreshFix(refused.errorType(), this.settings.signInCommand()))
            .orElse(null);
        return switch (state) {
            case SIGNED_OUT -> "Sign in with " + signIn + ".";
            case EXPIRED -> (refusalFix != null) ? refusalFix
                    : "Sign in again with " + signIn + "; the application picks the new sign-in up at once.";
            case UNUSABLE -> (token == null) ? "Fix or remove the token cache file, then sign in with " + signIn + "."
                    : "Check aws.sso.account-id and aws.sso.role-name, or ask an administrator to assign role '"
                            + this.settings.roleName() + "' in account " + this.settings.accountId() + ".";
            case REFRESH_FAILING -> "Nothing yet: the refresh is retried in the background while the current"
                    + " credentials last. If it keeps failing, check the network and the endpoints.";
            case UNAVAILABLE -> "Nothing yet: no credentials can be served until the refresh, retried in the"
                    + " background, succeeds. If it keeps failing, check the network and the endpoints.";
            case EXPIRING -> (refusalFix != null)
                    ? refusalFix + " The current token serves until " + session.endsAt() + "."
                    : "Sign in again with " + signIn + " before " + session.endsAt() + " to keep the application working.";
            case LOGIN_PENDING -> "Complete the sign-in in the browser.";
            case ACTIVE -> "Nothing: the session is active.";
        };
    }

    private SessionStatus.Identity identity() {
        Path configFile = this.settings.source().configFile();
        return new SessionStatus.Identity(this.settings.source().toString(), this.settings.source().profileName(),
                (configFile != null) ? configFile.toString() : null, this.settings.sessionName(), this.settings.startUrl(),
                this.settings.ssoRegion(), this.settings.accountId(), this.settings.roleName());
    }

    private SessionStatus.Token tokenStatus(@Nullable SsoToken token, Optional<String> notRefreshable, Instant now) {
        boolean refreshable = token != null && notRefreshable.isEmpty();
        Instant nextRefresh = (refreshable && this.tokens.sessionEnd().isEmpty()) ? this.tokens.refreshAt() : null;
        return new SessionStatus.Token(this.tokens.cacheFile().path().toString(), (token != null) ? token.expiresAt() : null,
                refreshable, (token != null) ? notRefreshable.orElse(null) : "nobody is signed in", nextRefresh,
                this.tokens.lastRefresh().orElse(null));
    }

    private SessionStatus.Credentials credentialsStatus() {
        AwsSessionCredentials current = this.credentials.currentCredentials().orElse(null);
        return new SessionStatus.Credentials((current != null) ? mask(current.accessKeyId()) : null,
                this.credentials.expiresAt().orElse(null),
                this.credentials.nextRefreshAt().orElse(null), this.credentials.lastRefresh().orElse(null));
    }

    /** The warning of a clock that is off by {@code skew} (AWS's minus this machine's). */
    static String clockSkewWarning(Duration skew) {
        return "This machine's clock is " + DurationWords.clockSkew(skew) + " AWS's (measured from the Date of AWS's"
                + " answers): expiries are read on AWS's clock. Set the clock right, for example with NTP.";
    }

    /** Masks an access key id as {@code ASIA…WXYZ}: enough to tell keys apart, too little to use one. */
    static String mask(String accessKeyId) {
        if (accessKeyId.length() <= 8) {
            return "…";
        }
        return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }
}
