package dev.awssso.core.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An {@link AwsCredentialsProvider} serving the role credentials of an IAM Identity Center sign-in.
 * <p>
 * {@link #resolveCredentials()} reads one volatile field and the wall clock once: credentials past their stale
 * time are never handed out, whatever the background schedule did (a laptop that slept, a paused JVM, a raised
 * check interval). Keeping them fresh is the job of the background maintenance ({@link #refreshIfDue},
 * {@link #expireIfStale}), which fetches new credentials before the current ones expire, so callers do not
 * wait. Only when no valid credentials are held does a caller wait, at most {@link Timing#callerWait()} in all:
 * one fetch on the fetch executor serves every waiting thread, and goes on after a caller gave up.
 * <p>
 * A new sign-in (a new identity), a sign-out and the end of the session withdraw the credentials at once.
 */
public final class IdentityCenterCredentialsProvider implements RefreshingCredentialsProvider {

    private static final Logger logger = LoggerFactory.getLogger(IdentityCenterCredentialsProvider.class);

    private static final String OPERATION = "GetRoleCredentials";

    private final SsoSettings settings;

    private final TokenManager tokens;

    private final RoleCredentialsFetcher fetcher;

    private final Clock clock;

    private final Timing timing;


    private final @Nullable ScheduledExecutorService expiryScheduler;

    private final CredentialsListener listener;

    private final String roleSettings;

    /** Guards {@link #held}, {@link #generation} and the fetch in flight together. */
    private final Object stateLock = new Object();

    /** The credentials being served with their refresh and stale times; read without a lock. */
    private volatile @Nullable HeldCredentials held;

    /** Changes with every sign-in, sign-out and close: a fetch started before a change serves nothing. */
    private int generation;

    private final SingleFlight flight;

    private final WithdrawalLog withdrawals;

    private volatile boolean closed;

    /** Set once the application is stopping: nobody waits for a fetch any more. */
    private volatile boolean stopping;

    private volatile boolean requested;

    private volatile @Nullable Instant withdrawnExpiry;

    private volatile @Nullable RefreshFailure lastFailure;

    private volatile @Nullable SsoSessionException lastError;

    private volatile @Nullable RefreshRecord lastRefresh;

    private volatile Instant nextAttemptAt = Instant.MIN;

    /** Written by the fetch in progress only; fetches do not overlap. */
    private int consecutiveFailures;

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
        this.roleSettings = roleSettings;
        this.settings = settings;
        this.tokens = tokens;
        this.fetcher = fetcher;
        this.clock = clock;
        this.timing = timing;
        this.flight = new SingleFlight(this.stateLock, fetchExecutor, this::fetchFresh, this::closedException,
                () -> "role credentials of " + describeRole());
        this.withdrawals = new WithdrawalLog(clock);
        this.expiryScheduler = expiryScheduler;
        this.listener = listener;
    }

    @Override
    public AwsSessionCredentials resolveCredentials() {
        HeldCredentials current = this.held;
        if (current != null && this.clock.millis() < current.staleAtMillis()) {
            return current.credentials();
        }
        return awaitCredentials(current);
    }

    /** The credentials being served now, if any. */
    public Optional<AwsSessionCredentials> currentCredentials() {
        HeldCredentials current = this.held;
        return (current != null) ? Optional.of(current.credentials()) : Optional.empty();
    }

    /**
     * When the last credentials withdrawn because they went stale before new ones could be fetched expire(d);
     * empty once new credentials are held again.
     */
    public Optional<Instant> withdrawnExpiry() {
        return Optional.ofNullable(this.withdrawnExpiry);
    }

    /** The last failed fetch since the last success or sign-in, if any. */
    public Optional<RefreshFailure> lastFailure() {
        return Optional.ofNullable(this.lastFailure);
    }

    /** The outcome of the last fetch, if any. */
    public Optional<RefreshRecord> lastRefresh() {
        return Optional.ofNullable(this.lastRefresh);
    }

    /**
     * When the credentials being served will be fetched again; empty when none are held, or before any were
     * asked for.
     */
    public Optional<Instant> nextRefreshAt() {
        HeldCredentials current = this.held;
        return (current != null && this.requested) ? Optional.of(current.refreshAt()) : Optional.empty();
    }

    /** Whether an application has asked for credentials yet; until then nothing is fetched. */
    public boolean requested() {
        return this.requested;
    }

    /**
     * Starts a fetch of new credentials when the current ones are inside their refresh window, or none are held,
     * once credentials have been asked for; waits out the backoff after a failure. Does not wait for the fetch:
     * failures are recorded and logged, the current credentials keep being served meanwhile.
     */
    public void refreshIfDue() {
        HeldCredentials current = this.held;
        Instant now = this.clock.instant();
        if (!this.requested || this.closed || (current != null && now.isBefore(current.refreshAt()))
                || now.isBefore(this.nextAttemptAt)) {
            return;
        }
        this.flight.start();
    }

    /**
     * Fetches new credentials now, whatever the expiry of the current ones and any backoff, waiting
     * {@link Timing#callerWait()} at most.
     * @throws SsoSessionException when no credentials can be fetched
     */
    public AwsSessionCredentials refreshNow() {
        requireOpen();
        this.requested = true;
        return this.flight.await(this.flight.start(), System.nanoTime() + this.timing.callerWait().toNanos(),
                this.timing.callerWait()).credentials();
    }

    /**
     * Withdraws the credentials once they are stale, so that the status shows it and listeners hear of it even
     * while nobody asks for credentials.
     */
    public void expireIfStale() {
        HeldCredentials current = this.held;
        if (current != null && this.clock.millis() >= current.staleAtMillis()) {
            withdraw(current);
        }
    }

    /**
     * Stops serving: every later {@link #resolveCredentials()} throws, and callers waiting for a fetch are
     * released at once.
     */
    public void close() {
        synchronized (this.stateLock) {
            this.closed = true;
            this.held = null;
            this.generation++;
        }
        this.flight.refuse(closedException());
    }

    @Override
    public void stopWaiting() {
        this.stopping = true;
        this.flight.refuse(new SsoSessionException(Reason.CLOSED, "The application is stopping: no role credentials"
                + " of " + describeRole() + " are fetched any more.", null));
    }

    /** A new sign-in is a new identity: the credentials of the previous one are withdrawn at once. */
    @Override
    public void signedIn(SsoToken token) {
        withdrawSignIn();
        this.lastError = null;
        this.lastFailure = null;
        this.nextAttemptAt = Instant.MIN;
    }

    @Override
    public void signedOut() {
        withdrawSignIn();
        this.lastError = null;
        this.lastFailure = null;
        this.lastRefresh = null;
        this.nextAttemptAt = Instant.MIN;
    }

    /** The credentials of an ended session are withdrawn at once; the next caller gets the sign-in command. */
    @Override
    public void sessionEnded(RefreshFailure failure) {
        withdrawSignIn();
    }

    /** Stops serving the credentials of the sign-in there was, and anything fetched for it while in flight. */
    private void withdrawSignIn() {
        synchronized (this.stateLock) {
            this.generation++;
            this.held = null;
        }
        this.withdrawnExpiry = null;
    }

    private AwsSessionCredentials awaitCredentials(@Nullable HeldCredentials seen) {
        long deadline = System.nanoTime() + this.timing.callerWait().toNanos();
        requireOpen();
        this.requested = true;
        if (seen != null) {
            withdraw(seen);
        }
        HeldCredentials current = this.held;
        if (current != null && this.clock.millis() < current.staleAtMillis()) {
            return current.credentials();
        }
        // a new sign-in in the cache ends the wait after a failure at once (it clears the remembered error)
        this.tokens.reloadIfChanged();
        SsoSessionException remembered = this.lastError;
        if (remembered != null && this.clock.instant().isBefore(this.nextAttemptAt)) {
            throw new SsoSessionException(remembered.reason(), remembered.getMessage(), null);
        }
        return this.flight.await(this.flight.start(), deadline, this.timing.callerWait()).credentials();
    }

    /**
     * Fetches credentials and serves them, unless the session changed meanwhile: then once more for the new
     * session (after a sign-out that fails with the sign-in command).
     */
    private HeldCredentials fetchFresh() {
        for (int attempt = 1;; attempt++) {
            int startedIn;
            synchronized (this.stateLock) {
                startedIn = this.generation;
            }
            requireOpen();
            HeldCredentials fresh = fetchOnce();
            if (serveUnlessChanged(fresh, startedIn)) {
                this.withdrawnExpiry = null;
                scheduleExpiry(fresh);
                this.listener.credentialsRefreshed(fresh.credentials());
                return fresh;
            }
            requireOpen();
            if (attempt == 2) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "The IAM Identity Center session of "
                        + this.settings.describe() + " changed while role credentials were fetched; try again.", null);
            }
        }
    }

    private boolean serveUnlessChanged(HeldCredentials fresh, int startedIn) {
        synchronized (this.stateLock) {
            if (this.generation != startedIn) {
                return false;
            }
            this.held = fresh;
            return true;
        }
    }

    private HeldCredentials fetchOnce() {
        try {
            AwsSessionCredentials credentials = fetchWith(this.tokens.usableToken());
            // lifetimes count from when the answer arrived, not from before a call that may have taken long
            HeldCredentials fresh = HeldCredentials.of(credentials, this.clock.instant(), this.timing);
            this.consecutiveFailures = 0;
            this.nextAttemptAt = Instant.MIN;
            this.lastError = null;
            this.lastFailure = null;
            this.lastRefresh = RefreshRecord.success(this.clock.instant());
            logger.debug("Fetched role credentials of {}, valid until {}", describeRole(), fresh.expiresAt());
            return fresh;
        }
        catch (SsoSessionException ex) {
            // no usable token: the token manager recorded and logged why
            switch (ex.reason()) {
                case UNAVAILABLE -> remember(ex, this.tokens.lastFailure().orElse(null), this.clock.instant());
                case SESSION_ENDED -> this.tokens.sessionEnd()
                    .filter((ended) -> ended != this.lastFailure)
                    .ifPresent((ended) -> {
                        this.lastRefresh = RefreshRecord.failure(ended);
                        remember(ex, ended, this.clock.instant());
                        this.listener.credentialsRefreshFailed(ended);
                    });
                default -> {
                }
            }
            throw ex;
        }
        catch (RuntimeException ex) {
            if (this.stopping || this.closed) {
                // cut short by the shutdown, or no longer awaited: nothing to retry or report
                throw closedException();
            }
            // the backoff counts from the failure, not from the start of an attempt that may have taken long
            Instant failedAt = this.clock.instant();
            RefreshFailure failure = FailureClassifier.classify(OPERATION, ex, failedAt);
            SsoSessionException error = toSessionException(failure);
            // recorded before lastFailure, which makes the state REFRESH_FAILING: a status never shows a failing
            // refresh whose last attempt succeeded
            this.lastRefresh = RefreshRecord.failure(failure);
            remember(error, failure, failedAt);
            this.listener.credentialsRefreshFailed(failure);
            throw error;
        }
    }

    /**
     * Fetches credentials with {@code token}. A portal that rejects the token (401) does not prove that the
     * session ended: the token is refreshed once (or replaced by a newer one from the cache) and the fetch
     * tried again; only a second rejection, a refused refresh or a token that cannot be refreshed end it.
     */
    private AwsSessionCredentials fetchWith(SsoToken token) {
        try {
            return this.fetcher.fetch(token);
        }
        catch (AwsServiceException ex) {
            RefreshFailure failure = FailureClassifier.classify(OPERATION, ex, this.clock.instant());
            if (failure.kind() != FailureKind.SESSION_ENDED) {
                throw ex;
            }
            logger.info("IAM Identity Center rejected the access token of {} ({}); getting a new token and trying"
                    + " once more.", this.settings.describe(), failure.errorType());
            SsoToken replacement = this.tokens.replaceRejectedToken(token);
            try {
                return this.fetcher.fetch(replacement);
            }
            catch (AwsServiceException again) {
                RefreshFailure rejection = FailureClassifier.classify(OPERATION, again, this.clock.instant());
                if (rejection.kind() == FailureKind.SESSION_ENDED) {
                    this.tokens.tokenRejected(replacement, rejection);
                }
                throw again;
            }
        }
    }

    private void withdraw(HeldCredentials stale) {
        synchronized (this.stateLock) {
            if (this.held != stale) {
                return;
            }
            this.held = null;
        }
        this.withdrawnExpiry = stale.expiresAt();
        this.listener.credentialsExpired();
        this.withdrawals.withdrawn("The role credentials of " + describeRole(), stale, this.lastFailure);
    }

    private SsoSessionException toSessionException(RefreshFailure failure) {
        return switch (failure.kind()) {
            case SESSION_ENDED -> new SsoSessionException(Reason.SESSION_ENDED, "IAM Identity Center rejected the"
                    + " access token of " + this.settings.describe() + ": the session has ended (" + failure
                    + "). Sign in again with `" + this.settings.signInCommand() + "`.", null);
            case ACCESS_DENIED -> new SsoSessionException(Reason.ACCESS_DENIED, "IAM Identity Center does not let the"
                    + " signed-in user use " + describeRole() + " (" + failure + "). Check " + this.roleSettings
                    + ", or ask an administrator for this assignment.", null);
            default -> new SsoSessionException(Reason.UNAVAILABLE, "Could not get role credentials of "
                    + describeRole() + " (" + failure + "); retrying in the background.", failure.cause());
        };
    }

    private void remember(SsoSessionException error, @Nullable RefreshFailure failure, Instant now) {
        this.consecutiveFailures++;
        boolean transientFailure = failure == null || failure.kind() == FailureKind.TRANSIENT;
        Duration wait = transientFailure ? this.timing.backoff().delayAfter(this.consecutiveFailures)
                : this.timing.backoff().max();
        String previousType = (this.lastFailure != null) ? this.lastFailure.errorType() : null;
        this.nextAttemptAt = now.plus(wait);
        this.lastError = error;
        this.lastFailure = failure;
        if (failure != null && !failure.errorType().equals(previousType)) {
            logger.warn("{} Next try in {}.", error.getMessage(), DurationWords.of(wait));
        }
    }

    /** Sets an alarm that withdraws {@code fresh} when it goes stale, counted from when it arrived. */
    private void scheduleExpiry(HeldCredentials fresh) {
        if (this.expiryScheduler != null) {
            long delay = Math.max(0, fresh.staleAtMillis() - this.clock.millis());
            try {
                this.expiryScheduler.schedule(this::expireIfStale, delay, TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException ex) {
                // shutting down: nothing is served after that
            }
        }
    }

    private void requireOpen() {
        if (this.closed) {
            throw closedException();
        }
    }

    private SsoSessionException closedException() {
        return new SsoSessionException(Reason.CLOSED, "The IAM Identity Center credentials provider of "
                + describeRole() + " was closed (the application is shutting down); it serves no credentials.", null);
    }

    private String describeRole() {
        return "role '" + this.settings.roleName() + "' in account " + this.settings.accountId();
    }

    @Override
    public String toString() {
        return "IdentityCenterCredentialsProvider[" + describeRole() + ", " + this.settings.describe() + "]";
    }

    /**
     * When credentials are refreshed and withdrawn, and how long callers and retries wait.
     *
     * @param refreshWindow how long before expiry new credentials are fetched
     * @param staleMargin how long before expiry credentials are withdrawn at most
     * @param backoff waits between failed attempts
     * @param callerWait longest time a caller waits in all for credentials, a token refresh included
     */
    public record Timing(Duration refreshWindow, Duration staleMargin, RetryBackoff backoff, Duration callerWait) {
    }
}
