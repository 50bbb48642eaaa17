package dev.awssso.core.credentials;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Serves the role credentials of an IAM Identity Center sign-in, fetched with the portal's
 * {@code GetRoleCredentials} and the sign-in's access token.
 */
public final class IdentityCenterCredentialsProvider extends RefreshingCredentialsProvider {

    private static final Logger logger = LoggerFactory.getLogger(IdentityCenterCredentialsProvider.class);

    private static final String OPERATION = "GetRoleCredentials";

    private final SsoSettings settings;

    private final TokenManager tokens;

    private final RoleCredentialsFetcher fetcher;

    private final String roleSettings;

    /**
     * Creates a provider; it fetches nothing until credentials are first asked for.
     * @param fetchExecutor where fetches run, so that a caller can stop waiting while the fetch goes on
     * @param expiryScheduler where to set an alarm that withdraws credentials when they go stale, or {@code null}
     *     to rely on {@link #expireIfStale} and {@link #resolveCredentials()} alone
     * @param listener told about refreshes, failures and withdrawals
     */
    public IdentityCenterCredentialsProvider(SsoSettings settings, TokenManager tokens, RoleCredentialsFetcher fetcher,
            Clock clock, Timing timing, Executor fetchExecutor, @Nullable ScheduledExecutorService expiryScheduler,
            CredentialsListener listener) {
        this(settings, tokens, fetcher, clock, timing, fetchExecutor, expiryScheduler, listener,
                NamedRole.DEFAULT_ROLE_SETTINGS);
    }

    /**
     * Creates a provider as the other constructor does, for a role whose account and role are set where
     * {@code roleSettings} says.
     * @param roleSettings where the account and role are set, in words, such as {@link NamedRole#roleSettings()};
     *     the message of a denied role asks to check them
     */
    public IdentityCenterCredentialsProvider(SsoSettings settings, TokenManager tokens, RoleCredentialsFetcher fetcher,
            Clock clock, Timing timing, Executor fetchExecutor, @Nullable ScheduledExecutorService expiryScheduler,
            CredentialsListener listener, String roleSettings) {
        super(clock, timing, fetchExecutor, expiryScheduler, listener);
        this.settings = settings;
        this.tokens = tokens;
        this.fetcher = fetcher;
        this.roleSettings = roleSettings;
    }

    @Override
    Answer call() {
        SsoToken token;
        try {
            token = this.tokens.usableToken();
        }
        catch (SsoSessionException ex) {
            throw tokenUnavailable(ex);
        }
        return fetchWith(token);
    }

    /**
     * Fetches credentials with {@code token}. A portal that rejects the token (401) does not prove that the
     * session ended: the token is refreshed once (or replaced by a newer one from the cache) and the fetch
     * tried again; only a second rejection of the token still current, a refused refresh or a token that cannot be
     * refreshed end it.
     */
    private Answer fetchWith(SsoToken token) {
        try {
            return this.fetcher.fetch(token);
        }
        catch (AwsServiceException ex) {
            RefreshFailure failure = FailureClassifier.classify(OPERATION, ex, clock().instant());
            if (failure.kind() != FailureKind.SESSION_ENDED) {
                throw ex;
            }
            logger.info("IAM Identity Center rejected the access token of {} ({}); getting a new token and trying"
                    + " once more.", this.settings.describe(), failure.errorType());
        }
        SsoToken replacement;
        try {
            replacement = this.tokens.replaceRejectedToken(token);
        }
        catch (SsoSessionException ex) {
            throw tokenUnavailable(ex);
        }
        try {
            return this.fetcher.fetch(replacement);
        }
        catch (AwsServiceException ex) {
            RefreshFailure failure = FailureClassifier.classify(OPERATION, ex, clock().instant());
            if (failure.kind() == FailureKind.SESSION_ENDED && !this.tokens.tokenRejected(replacement, failure)) {
                // a refresh or a new sign-in replaced the token while it was used: the next call uses the new one
                throw new SourceUnavailable(new SsoSessionException(Reason.UNAVAILABLE, "IAM Identity Center rejected"
                        + " an access token of " + this.settings.describe() + " that was replaced while it was"
                        + " used; try again.", null), null);
            }
            throw ex;
        }
    }

    /** No usable token: the token manager recorded and logged why, and retries it. */
    private SourceUnavailable tokenUnavailable(SsoSessionException ex) {
        RefreshFailure failure = switch (ex.reason()) {
            case UNAVAILABLE -> this.tokens.lastFailure().orElse(null);
            case SESSION_ENDED -> this.tokens.sessionEnd().or(this.tokens::refreshRefusal).orElse(null);
            default -> null;
        };
        return new SourceUnavailable(ex, failure);
    }

    @Override
    String operation() {
        return OPERATION;
    }

    @Override
    String describe() {
        return "role '" + this.settings.roleName() + "' in account " + this.settings.accountId();
    }

    @Override
    SsoSessionException refused(RefreshFailure failure) {
        return switch (failure.kind()) {
            case SESSION_ENDED -> new SsoSessionException(Reason.SESSION_ENDED, "IAM Identity Center rejected the"
                    + " access token of " + this.settings.describe() + ": the session has ended (" + failure
                    + "). Sign in again with `" + this.settings.signInCommand() + "`.", null);
            case ACCESS_DENIED -> new SsoSessionException(Reason.ACCESS_DENIED, "IAM Identity Center does not let the"
                    + " signed-in user use " + describe() + " (" + failure + "). Check " + this.roleSettings
                    + ", or ask an administrator for this assignment.", null);
            default -> new SsoSessionException(Reason.UNAVAILABLE, "Could not get role credentials of "
                    + describe() + " (" + failure + "); retrying in the background.", failure.cause());
        };
    }

    /** A new sign-in in the cache ends the wait after a failure at once (it clears the remembered error). */
    @Override
    void beforeWait() {
        this.tokens.reloadIfChanged();
    }

    @Override
    public String toString() {
        return "IdentityCenterCredentialsProvider[" + describe() + ", " + this.settings.describe() + "]";
    }
}
