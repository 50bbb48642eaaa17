package dev.awssso.core.credentials;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.refresh.RefreshTiming;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenListener;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An {@link AwsCredentialsProvider} serving the role credentials of an IAM Identity Center sign-in.
 * <p>
 * {@link #resolveCredentials()} returns the cached credentials with one volatile read: no clock, no lock, no
 * I/O. Freshness is the job of the background maintenance ({@link #refreshIfDue}, {@link #expireIfStale}):
 * it fetches new credentials before the current ones expire and withdraws credentials shortly before their
 * expiry, so an expired credential is never handed out. Only when no valid credentials are held does a caller
 * wait, and then one {@code GetRoleCredentials} call serves all waiting threads.
 */
public final class IdentityCenterCredentialsProvider implements AwsCredentialsProvider, TokenListener {

    private static final Logger logger = LoggerFactory.getLogger(IdentityCenterCredentialsProvider.class);

    private static final String OPERATION = "GetRoleCredentials";

    private final SsoSettings settings;

    private final TokenManager tokens;

    private final RoleCredentialsFetcher fetcher;

    private final Clock clock;

    private final Timing timing;

    private final @Nullable ScheduledExecutorService expiryScheduler;

    private final CredentialsListener listener;

    private static final VarHandle SERVED;

    static {
        try {
            SERVED = MethodHandles.lookup()
                .findVarHandle(IdentityCenterCredentialsProvider.class, "served", AwsSessionCredentials.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The credentials with their refresh and withdrawal times; changed only with {@link #served}. */
    private final AtomicReference<@Nullable HeldCredentials> held = new AtomicReference<>();

    /**
     * The credentials of {@link #held} on their own, so that the hot path is one volatile read. Written after
     * {@code held}; cleared by compare-and-set so that a withdrawal never removes newer credentials.
     */
    private volatile @Nullable AwsSessionCredentials served;

    /** Held while credentials are fetched, so that one call serves every thread. */
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile boolean requested;

    private volatile @Nullable RefreshFailure lastFailure;

    private volatile @Nullable SsoSessionException lastError;

    private volatile @Nullable RefreshRecord lastRefresh;

    private volatile Instant nextAttemptAt = Instant.MIN;

    private int consecutiveFailures;

    /**
     * Creates a provider; it fetches nothing until credentials are first asked for.
     * @param expiryScheduler where to set an alarm that withdraws credentials exactly when they go stale, or
     *     {@code null} to rely on {@link #expireIfStale} alone
     * @param listener told about refreshes, failures and expiry
     */
    public IdentityCenterCredentialsProvider(SsoSettings settings, TokenManager tokens, RoleCredentialsFetcher fetcher,
            Clock clock, Timing timing, @Nullable ScheduledExecutorService expiryScheduler,
            CredentialsListener listener) {
        this.settings = settings;
        this.tokens = tokens;
        this.fetcher = fetcher;
        this.clock = clock;
        this.timing = timing;
        this.expiryScheduler = expiryScheduler;
        this.listener = listener;
    }

    @Override
    public AwsSessionCredentials resolveCredentials() {
        AwsSessionCredentials current = this.served;
        if (current != null) {
            return current;
        }
        return fetchForCaller();
    }

    /** The credentials being served now, if any. */
    public Optional<AwsSessionCredentials> currentCredentials() {
        return Optional.ofNullable(this.served);
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
        HeldCredentials current = this.held.get();
        return (current != null && this.requested) ? Optional.of(current.refreshAt()) : Optional.empty();
    }

    /** Whether an application has asked for credentials yet; until then nothing is fetched. */
    public boolean requested() {
        return this.requested;
    }

    /**
     * Fetches new credentials in the background when the current ones are inside their refresh window, or
     * none are held, once credentials have been asked for; waits out the backoff after a failure. Failures
     * are recorded and logged, never thrown; the current credentials keep being served meanwhile.
     */
    public void refreshIfDue() {
        HeldCredentials current = this.held.get();
        Instant now = this.clock.instant();
        if (!this.requested || (current != null && now.isBefore(current.refreshAt()))
                || now.isBefore(this.nextAttemptAt) || !this.fetchLock.tryLock()) {
            return;
        }
        try {
            if (this.held.get() == current) {
                fetchLocked(now);
            }
        }
        catch (SsoSessionException ex) {
            // recorded and logged by fetchLocked
        }
        finally {
            this.fetchLock.unlock();
        }
    }

    /**
     * Fetches new credentials now, whatever the expiry of the current ones and any backoff.
     * @throws SsoSessionException when no credentials can be fetched
     */
    public AwsSessionCredentials refreshNow() {
        this.requested = true;
        this.fetchLock.lock();
        try {
            return fetchLocked(this.clock.instant()).credentials();
        }
        finally {
            this.fetchLock.unlock();
        }
    }

    /** Withdraws the credentials once they are stale, so that they are never handed out expired. */
    public void expireIfStale() {
        HeldCredentials current = this.held.get();
        if (current != null && !this.clock.instant().isBefore(current.staleAt())
                && this.held.compareAndSet(current, null)) {
            SERVED.compareAndSet(this, current.credentials(), null);
            this.listener.credentialsExpired();
            logger.warn("The role credentials of {} expired at {} before new ones could be fetched; callers now wait"
                    + " for new credentials.", describeRole(), current.credentials().expirationTime().orElse(null));
        }
    }

    @Override
    public void signedIn(SsoToken token) {
        this.lastError = null;
        this.lastFailure = null;
        this.nextAttemptAt = Instant.MIN;
    }

    @Override
    public void signedOut() {
        this.held.set(null);
        this.served = null;
        this.lastError = null;
        this.lastFailure = null;
        this.lastRefresh = null;
        this.nextAttemptAt = Instant.MIN;
    }

    private AwsSessionCredentials fetchForCaller() {
        this.requested = true;
        try {
            if (!this.fetchLock.tryLock(this.timing.callerWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "Timed out after " + this.timing.callerWait()
                        + " waiting for role credentials of " + describeRole() + ".", null);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SsoSessionException(Reason.UNAVAILABLE, "Interrupted while waiting for role credentials of "
                    + describeRole() + ".", null);
        }
        try {
            HeldCredentials current = this.held.get();
            if (current != null) {
                SERVED.compareAndSet(this, null, current.credentials());
                return current.credentials();
            }
            Instant now = this.clock.instant();
            SsoSessionException remembered = this.lastError;
            if (remembered != null && now.isBefore(this.nextAttemptAt)) {
                throw new SsoSessionException(remembered.reason(), remembered.getMessage(), null);
            }
            return fetchLocked(now).credentials();
        }
        finally {
            this.fetchLock.unlock();
        }
    }

    private HeldCredentials fetchLocked(Instant now) {
        SsoToken token;
        try {
            token = this.tokens.usableToken();
        }
        catch (SsoSessionException ex) {
            if (ex.reason() == Reason.UNAVAILABLE) {
                remember(ex, this.tokens.lastFailure().orElse(null), this.clock.instant());
            }
            throw ex;
        }
        try {
            AwsSessionCredentials credentials = this.fetcher.fetch(token);
            Instant expiresAt = credentials.expirationTime().orElseThrow();
            HeldCredentials fresh = new HeldCredentials(credentials,
                    RefreshTiming.refreshAt(now, expiresAt, this.timing.refreshWindow()),
                    RefreshTiming.staleAt(now, expiresAt, this.timing.staleMargin()));
            this.held.set(fresh);
            this.served = credentials;
            scheduleExpiry(fresh, now);
            this.consecutiveFailures = 0;
            this.nextAttemptAt = Instant.MIN;
            this.lastError = null;
            this.lastFailure = null;
            this.lastRefresh = RefreshRecord.success(this.clock.instant());
            this.listener.credentialsRefreshed(credentials);
            logger.debug("Fetched role credentials of {}, valid until {}", describeRole(), expiresAt);
            return fresh;
        }
        catch (RuntimeException ex) {
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

    private SsoSessionException toSessionException(RefreshFailure failure) {
        return switch (failure.kind()) {
            case SESSION_ENDED -> {
                this.tokens.tokenRejected(failure);
                yield new SsoSessionException(Reason.SESSION_ENDED, "IAM Identity Center rejected the access token"
                        + " of " + this.settings.describe() + ": the session has ended (" + failure
                        + "). Sign in again with `" + this.settings.signInCommand() + "`.", null);
            }
            case ACCESS_DENIED -> new SsoSessionException(Reason.ACCESS_DENIED, "IAM Identity Center does not let the"
                    + " signed-in user use " + describeRole() + " (" + failure + "). Check aws.sso.account-id and"
                    + " aws.sso.role-name (or sso_account_id and sso_role_name of the profile), or ask an"
                    + " administrator for this assignment.", null);
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

    private void scheduleExpiry(HeldCredentials fresh, Instant now) {
        if (this.expiryScheduler != null) {
            long delay = Math.max(0, Duration.between(now, fresh.staleAt()).toMillis());
            try {
                this.expiryScheduler.schedule(this::expireIfStale, delay, TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException ex) {
                // shutting down: nothing is served after that
            }
        }
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
     * @param callerWait longest time a caller waits for a fetch under way
     */
    public record Timing(Duration refreshWindow, Duration staleMargin, RetryBackoff backoff, Duration callerWait) {
    }

    private record HeldCredentials(AwsSessionCredentials credentials, Instant refreshAt, Instant staleAt) {
    }
}
