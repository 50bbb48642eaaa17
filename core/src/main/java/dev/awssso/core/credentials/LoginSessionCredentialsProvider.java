package dev.awssso.core.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.signin.LoginSessionCache;
import dev.awssso.core.signin.LoginSessionRefresher;
import dev.awssso.core.signin.LoginSessionToken;
import dev.awssso.core.token.TokenCacheException;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.signin.model.AccessDeniedException;

/**
 * Serves the credentials of an {@code aws login} session: those of its cache file while they last beyond the
 * refresh window (whoever refreshed them, this application, the AWS CLI or another SDK), else new ones from one
 * AWS Sign-In {@code CreateOAuth2Token} call under the file's lock, written back with every field the CLI wrote.
 * <p>
 * Sign-In's refusals name their fix: {@code TOKEN_EXPIRED} (the 12-hour session ended) and
 * {@code USER_CREDENTIALS_CHANGED} (a password change) end the session until the next {@code aws login}, which is
 * picked up at once; {@code INSUFFICIENT_PERMISSIONS} names the policy the principal needs.
 */
public final class LoginSessionCredentialsProvider extends RefreshingCredentialsProvider {

    private final LoginSessionSettings settings;

    private final LoginSessionCache cache;

    private final LoginSessionRefresher refresher;

    /**
     * Creates a provider; it reads and calls nothing until credentials are first asked for.
     * @param fetchExecutor where calls run, so that a caller can stop waiting while the call goes on
     * @param expiryScheduler where to set an alarm that withdraws credentials when they go stale, or {@code null}
     * @param listener told about refreshes, failures and withdrawals
     */
    public LoginSessionCredentialsProvider(LoginSessionSettings settings, LoginSessionCache cache,
            LoginSessionRefresher refresher, Clock clock, Timing timing, Executor fetchExecutor,
            @Nullable ScheduledExecutorService expiryScheduler, CredentialsListener listener) {
        super(clock, timing, fetchExecutor, expiryScheduler, listener);
        this.settings = settings;
        this.cache = cache;
        this.refresher = refresher;
    }

    @Override
    Answer call() {
        LoginSessionToken token = currentToken();
        Instant dueBefore = clock().instant().plus(timing().refreshWindow());
        if (token.expiresAt().isAfter(dueBefore)) {
            return new Answer(token.credentials(), null);
        }
        LoginSessionToken served;
        try {
            served = this.cache.refreshIfDue(dueBefore, timing().callerWait(), (latest) -> {
                try {
                    return this.refresher.refresh(latest).token();
                }
                catch (IllegalArgumentException ex) {
                    throw unusableFile(ex.getMessage());
                }
            });
        }
        catch (TokenCacheException ex) {
            throw cacheUnusable(ex);
        }
        return new Answer(served.credentials(), null);
    }

    /**
     * Re-reads the cache file if it changed; a new {@code aws login} or a sign-out withdraws the credentials of the
     * sign-in there was at once, and ends the wait after a refused refresh.
     * @return whether the sign-in changed
     */
    public boolean reloadIfChanged() {
        boolean changed = this.cache.reloadIfChanged();
        if (changed) {
            newSignIn();
        }
        return changed;
    }

    /** The session's cache, for its status. */
    public LoginSessionCache cache() {
        return this.cache;
    }

    private LoginSessionToken currentToken() {
        try {
            return this.cache.current().orElseThrow(() -> new SourceUnavailable(new SsoSessionException(
                    Reason.SIGNED_OUT, "Not signed in with aws login: there is no session in " + this.cache.path()
                            + ". Sign in with `" + this.settings.signInCommand() + "`.", null), null));
        }
        catch (TokenCacheException ex) {
            throw cacheUnusable(ex);
        }
    }

    private TokenCacheException unusableFile(String problem) {
        return new TokenCacheException(this.cache.path(), "Login cache file " + this.cache.path()
                + " holds no usable session: " + problem + ". Sign in again with `" + this.settings.signInCommand()
                + "`; the file was left as it is.");
    }

    private SourceUnavailable cacheUnusable(TokenCacheException ex) {
        return new SourceUnavailable(new SsoSessionException(Reason.TOKEN_CACHE_UNREADABLE, ex.getMessage(), null),
                new RefreshFailure(FailureKind.REJECTED, "LoginCacheFile", ex.getMessage(), clock().instant(), null));
    }

    @Override
    RefreshFailure classify(RuntimeException failure, Instant at) {
        RefreshFailure classified = super.classify(failure, at);
        if (!(failure instanceof AccessDeniedException denied)) {
            return classified;
        }
        // the URL connection client reads no body of a 401 answer to a POST: its error is TOKEN_EXPIRED then
        String error = (denied.errorAsString() != null) ? denied.errorAsString()
                : (denied.statusCode() == 401) ? "TOKEN_EXPIRED" : classified.errorType();
        FailureKind kind = switch (error) {
            case "TOKEN_EXPIRED", "USER_CREDENTIALS_CHANGED" -> FailureKind.SESSION_ENDED;
            case "INSUFFICIENT_PERMISSIONS" -> FailureKind.ACCESS_DENIED;
            default -> classified.kind();
        };
        return new RefreshFailure(kind, error, classified.message(), classified.at(), null);
    }

    @Override
    String operation() {
        return LoginSessionRefresher.OPERATION;
    }

    @Override
    String describe() {
        return "the " + this.settings.describe();
    }

    @Override
    SsoSessionException refused(RefreshFailure failure) {
        String signIn = "`" + this.settings.signInCommand() + "`";
        return switch (failure.errorType()) {
            case "TOKEN_EXPIRED" -> new SsoSessionException(Reason.SESSION_ENDED, "The " + this.settings.describe()
                    + " has ended (" + failure + "). Sign in again with " + signIn + ".", null);
            case "USER_CREDENTIALS_CHANGED" -> new SsoSessionException(Reason.SESSION_ENDED, "The "
                    + this.settings.describe() + " ended because the password of its user changed (" + failure
                    + "). Sign in again with " + signIn + " and the new password.", null);
            case "INSUFFICIENT_PERMISSIONS" -> new SsoSessionException(Reason.ACCESS_DENIED, this.settings.loginSession()
                    + " may not refresh its aws login session (" + failure + "). Ask an administrator to attach the"
                    + " AWS managed policy SignInLocalDevelopmentAccess (or allow signin:CreateOAuth2Token) to it,"
                    + " then sign in again with " + signIn + ".", null);
            default -> (failure.kind() == FailureKind.SESSION_ENDED)
                    ? new SsoSessionException(Reason.SESSION_ENDED, "AWS Sign-In refused to refresh the "
                            + this.settings.describe() + " (" + failure + "). Sign in again with " + signIn + ".",
                            null)
                    : new SsoSessionException(Reason.UNAVAILABLE, "Could not refresh the " + this.settings.describe()
                            + " (" + failure + "); retrying in the background.", failure.cause());
        };
    }

    /** A new {@code aws login} in the cache ends the wait after a failure at once. */
    @Override
    void beforeWait() {
        reloadIfChanged();
    }

    @Override
    public String toString() {
        return "LoginSessionCredentialsProvider[" + this.settings.describe() + "]";
    }
}
