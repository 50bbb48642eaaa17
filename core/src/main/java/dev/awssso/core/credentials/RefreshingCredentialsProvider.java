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
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.refresh.RetryTimer;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An {@link AwsCredentialsProvider} that keeps temporary credentials fresh in the background; its subclasses make
 * the one call to AWS that gets them, and nothing else.
 * <p>
 * {@link #resolveCredentials()} reads one volatile field and the wall clock once: credentials past their stale time
 * are never handed out, whatever the background schedule did (a laptop that slept, a paused JVM). The engine's
 * maintenance calls {@link #refreshIfDue()}, which fetches new credentials before the current ones expire, and
 * {@link #expireIfStale()}. Only when no valid credentials are held does a caller wait, at most
 * {@link Timing#callerWait()} in all: one call on the fetch executor serves every waiting thread, and goes on after
 * a caller gave up.
 * <p>
 * Expiries are AWS's, read on this machine's clock with the skew measured from the {@code Date} of AWS's answers;
 * waits after a failure are on the monotonic clock. A new sign-in (a new identity), a sign-out and the end of the
 * session withdraw the credentials at once.
 */
public abstract sealed class RefreshingCredentialsProvider implements AwsCredentialsProvider, TokenListener
        permits IdentityCenterCredentialsProvider, AssumedRoleCredentialsProvider, LoginSessionCredentialsProvider {

    private static final Logger logger = LoggerFactory.getLogger(RefreshingCredentialsProvider.class);

    private final Clock clock;

    private final Timing timing;

    private final @Nullable ScheduledExecutorService expiryScheduler;

    private final CredentialsListener listener;

    /** Guards {@link #held}, {@link #generation} and the call in flight together. */
    private final Object stateLock = new Object();

    /** The credentials being served with their refresh and stale times; read without a lock. */
    private volatile @Nullable HeldCredentials held;

    /** Changes with every sign-in, sign-out and close: a call started before a change serves nothing. */
    private int generation;

    private final SingleFlight flight;

    private final WithdrawalLog withdrawals;

    private final ClockSkew skew = new ClockSkew();

    private final RetryTimer retry = new RetryTimer();

    private volatile boolean closed;

    /** Set once the application is stopping: nobody waits for a call any more. */
    private volatile boolean stopping;

    private volatile boolean requested;

    private volatile @Nullable Instant withdrawnExpiry;

    private volatile @Nullable RefreshFailure lastFailure;

    /** The last refusal of the call, thrown at once to callers until the retry. */
    private volatile @Nullable SsoSessionException lastError;

    private volatile @Nullable RefreshRecord lastRefresh;

    /** Written by the call in progress only; calls do not overlap. */
    private int consecutiveFailures;

    /** How long the last call took; written by the call in progress only. */
    private Duration callDuration = Duration.ZERO;

    /**
     * @param fetchExecutor where calls run, so that a caller can stop waiting while the call goes on
     * @param expiryScheduler where to set an alarm that withdraws credentials when they go stale, or {@code null}
     *     to rely on {@link #expireIfStale} and {@link #resolveCredentials()} alone
     * @param listener told about refreshes, failures and withdrawals
     */
    RefreshingCredentialsProvider(Clock clock, Timing timing, Executor fetchExecutor,
            @Nullable ScheduledExecutorService expiryScheduler, CredentialsListener listener) {
        this.clock = clock;
        this.timing = timing;
        this.expiryScheduler = expiryScheduler;
        this.listener = listener;
        this.flight = new SingleFlight(this.stateLock, fetchExecutor, this::fetchFresh, this::closedException,
                () -> "the credentials of " + describe());
        this.withdrawals = new WithdrawalLog(clock);
    }

    /**
     * Calls AWS once for new credentials.
     * @throws SourceUnavailable when what the call needs cannot be had
     */
    abstract Answer call();

    /** The name of the call, such as {@code GetRoleCredentials}. */
    abstract String operation();

    /** The role served, in words, such as {@code role 'ReadOnly' in account 111122223333}. */
    abstract String describe();

    /** What a caller gets when the call failed with {@code failure}, with what to do about it. */
    abstract SsoSessionException refused(RefreshFailure failure);

    /** Runs before a caller waits for a call: a chance to pick up what ends a remembered failure. */
    void beforeWait() {
    }

    /** What went wrong with a call that threw {@code failure}, {@code at} that time. */
    RefreshFailure classify(RuntimeException failure, Instant at) {
        return FailureClassifier.classify(operation(), failure, at);
    }

    Clock clock() {
        return this.clock;
    }

    Timing timing() {
        return this.timing;
    }

    @Override
    public final AwsSessionCredentials resolveCredentials() {
        HeldCredentials current = this.held;
        if (current != null && this.clock.millis() < current.staleAtMillis()) {
            return current.credentials();
        }
        return awaitCredentials(current);
    }

    /** The credentials being served now, if any. */
    public final Optional<AwsSessionCredentials> currentCredentials() {
        HeldCredentials current = this.held;
        return (current != null) ? Optional.of(current.credentials()) : Optional.empty();
    }

    /** When the credentials being served expire, read on this machine's clock; empty when none are held. */
    public final Optional<Instant> expiresAt() {
        HeldCredentials current = this.held;
        return (current != null) ? Optional.of(current.expiresAt()) : Optional.empty();
    }

    /** Whether credentials that may be handed out now are held. */
    public final boolean holdsFreshCredentials() {
        HeldCredentials current = this.held;
        return current != null && current.freshAt(this.clock.millis());
    }

    /** When the credentials last withdrawn because they went stale expire(d); empty once new ones are held. */
    public final Optional<Instant> withdrawnExpiry() {
        return Optional.ofNullable(this.withdrawnExpiry);
    }

    /** The last failed refresh since the last success or sign-in, if any. */
    public final Optional<RefreshFailure> lastFailure() {
        return Optional.ofNullable(this.lastFailure);
    }

    /** The outcome of the last refresh, if any. */
    public final Optional<RefreshRecord> lastRefresh() {
        return Optional.ofNullable(this.lastRefresh);
    }

    /** When the credentials being served will be refreshed; empty when none are held or none were asked for. */
    public final Optional<Instant> nextRefreshAt() {
        HeldCredentials current = this.held;
        return (current != null && this.requested) ? Optional.of(current.refreshAt()) : Optional.empty();
    }

    /**
     * How far AWS's clock is ahead of this machine's (negative: behind), when that is more than a minute, as
     * measured from the last answer.
     */
    public final Optional<Duration> clockSkew() {
        return Optional.ofNullable(this.skew.reported());
    }

    /** Whether credentials were asked for yet; until then nothing is fetched. */
    public final boolean requested() {
        return this.requested;
    }

    /**
     * Starts a refresh when the credentials are inside their refresh window, or none are held, once credentials
     * have been asked for; waits out the backoff after a failure. Does not wait for the call: failures are recorded
     * and logged, the current credentials keep being served meanwhile.
     */
    public final void refreshIfDue() {
        HeldCredentials current = this.held;
        if (!this.requested || this.closed || (current != null && this.clock.instant().isBefore(current.refreshAt()))
                || this.retry.waiting()) {
            return;
        }
        this.flight.start();
    }

    /**
     * Refreshes now, whatever the expiry of the current credentials and any backoff, waiting
     * {@link Timing#callerWait()} at most.
     * @throws SsoSessionException when no credentials can be had
     */
    public final AwsSessionCredentials refreshNow() {
        requireOpen();
        this.requested = true;
        return this.flight.await(this.flight.start(), System.nanoTime() + this.timing.callerWait().toNanos(),
                this.timing.callerWait()).credentials();
    }

    /** Withdraws the credentials once they are stale, so that the status shows it even while nobody asks. */
    public final void expireIfStale() {
        HeldCredentials current = this.held;
        if (current != null && !current.freshAt(this.clock.millis())) {
            withdraw(current);
        }
    }

    /** Stops serving: every later {@link #resolveCredentials()} throws, and waiting callers are released at once. */
    public final void close() {
        synchronized (this.stateLock) {
            this.closed = true;
            this.held = null;
            this.generation++;
        }
        this.flight.refuse(closedException());
    }

    /**
     * Releases the callers waiting for credentials and refuses new waits, because the application is stopping;
     * the credentials held are served until {@link #close()}.
     */
    public final void stopWaiting() {
        this.stopping = true;
        this.flight.refuse(new SsoSessionException(Reason.CLOSED, "The application is stopping: the credentials of "
                + describe() + " are not fetched any more.", null));
    }

    /** A new sign-in is a new identity: the credentials of the previous one are withdrawn at once. */
    @Override
    public final void signedIn(SsoToken token) {
        newSignIn();
    }

    /** Withdraws the credentials of the sign-in there was, and forgets its failures: a new identity signed in. */
    public final void newSignIn() {
        withdrawSignIn();
        forgetFailures();
    }

    /** A sign-out withdraws the credentials at once, and what was known of their refreshes. */
    @Override
    public final void signedOut() {
        withdrawSignIn();
        forgetFailures();
        this.lastRefresh = null;
    }

    /** The credentials of an ended session are withdrawn at once; the next caller gets the sign-in command. */
    @Override
    public final void sessionEnded(RefreshFailure failure) {
        withdrawSignIn();
    }

    private void forgetFailures() {
        this.lastError = null;
        this.lastFailure = null;
        this.retry.retryNow();
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
        if (current != null && current.freshAt(this.clock.millis())) {
            return current.credentials();
        }
        beforeWait();
        SsoSessionException remembered = this.lastError;
        if (remembered != null && this.retry.waiting()) {
            throw new SsoSessionException(remembered.reason(), remembered.getMessage(), null);
        }
        HeldCredentials answer = this.flight.await(this.flight.start(), deadline, this.timing.callerWait());
        if (!answer.freshAt(this.clock.millis())) {
            // the answer went stale while this caller was not running (the machine slept): one more call
            withdraw(answer);
            answer = this.flight.await(this.flight.start(), deadline, this.timing.callerWait());
            if (!answer.freshAt(this.clock.millis())) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "The credentials of " + describe()
                        + " went stale while they were waited for; try again.", null);
            }
        }
        return answer.credentials();
    }

    /**
     * Calls for credentials and serves them, unless the sign-in changed meanwhile: then the call is made once more
     * for the new sign-in, whether it answered or failed (after a sign-out that fails with the sign-in command).
     */
    private HeldCredentials fetchFresh() {
        for (int attempt = 1;; attempt++) {
            int startedIn;
            synchronized (this.stateLock) {
                startedIn = this.generation;
            }
            requireOpen();
            HeldCredentials fresh;
            try {
                fresh = fetchOnce(startedIn);
            }
            catch (SsoSessionException ex) {
                if (attempt == 2 || !changedSince(startedIn)) {
                    throw ex;
                }
                continue;
            }
            if (serveUnlessChanged(fresh, startedIn)) {
                this.withdrawnExpiry = null;
                scheduleExpiry(fresh);
                this.listener.credentialsRefreshed(fresh.credentials(), this.callDuration);
                return fresh;
            }
            requireOpen();
            if (attempt == 2) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "The IAM Identity Center sign-in changed while the"
                        + " credentials of " + describe() + " were fetched; try again.", null);
            }
        }
    }

    /** Whether a sign-in, a sign-out or a close happened since {@code generation}. */
    private boolean changedSince(int generation) {
        synchronized (this.stateLock) {
            return this.generation != generation;
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

    /**
     * Makes the call once. Its failure is recorded unless the sign-in changed since {@code startedIn}: what went
     * wrong for a sign-in that is gone says nothing of the new one.
     */
    private HeldCredentials fetchOnce(int startedIn) {
        Answer answer;
        long startedNanos = System.nanoTime();
        try {
            answer = call();
        }
        catch (SourceUnavailable ex) {
            if (!changedSince(startedIn)) {
                recordSourceFailure(ex.failure());
            }
            throw ex.error();
        }
        catch (RuntimeException ex) {
            if (this.stopping || this.closed) {
                // cut short by the shutdown, or no longer awaited: nothing to retry or report
                throw closedException();
            }
            // the backoff counts from the failure, not from the start of a call that may have taken long
            RefreshFailure failure = classify(ex, this.clock.instant())
                .withDuration(Duration.ofNanos(System.nanoTime() - startedNanos));
            SsoSessionException error = refused(failure);
            throw changedSince(startedIn) ? error : failed(error, failure);
        }
        this.callDuration = Duration.ofNanos(System.nanoTime() - startedNanos);
        // lifetimes count from when the answer arrived, not from before a call that may have taken long
        Instant arrivedAt = this.clock.instant();
        Duration skewNow = this.skew.measure(answer.serviceTime(), arrivedAt, operation());
        HeldCredentials fresh = HeldCredentials.of(answer.credentials(), arrivedAt, skewNow, this.timing);
        if (!fresh.freshAt(arrivedAt.toEpochMilli())) {
            throw staleOnArrival(fresh, arrivedAt);
        }
        this.consecutiveFailures = 0;
        this.retry.retryNow();
        this.lastError = null;
        this.lastFailure = null;
        this.lastRefresh = RefreshRecord.success(arrivedAt);
        logger.debug("Fetched the credentials of {}, valid until {}", describe(), fresh.expiresAt());
        return fresh;
    }

    /**
     * Credentials that had expired by this machine's clock when they arrived, with no {@code Date} to tell the
     * skew by: this machine's clock is ahead of AWS's. They are not served, and not fetched again before the
     * backoff.
     */
    private SsoSessionException staleOnArrival(HeldCredentials stale, Instant arrivedAt) {
        Duration ahead = Duration.between(stale.expiresAt(), arrivedAt);
        RefreshFailure failure = new RefreshFailure(FailureKind.TRANSIENT, "ClockSkew", operation()
                + " answered with credentials that expire at " + stale.expiresAt() + ", already past by this machine's"
                + " clock (" + arrivedAt + "): the clock is at least " + DurationWords.of(ahead) + " ahead of AWS's."
                + " Set it right, for example with NTP (`sudo timedatectl set-ntp true`)", arrivedAt, null,
                this.callDuration);
        return failed(new SsoSessionException(Reason.UNAVAILABLE, "Could not use the credentials of " + describe()
                + ": " + failure.message() + ".", null), failure);
    }

    /** Records a failed call, tells the listener, and returns what the caller gets. */
    private SsoSessionException failed(SsoSessionException error, RefreshFailure failure) {
        // recorded before lastFailure, which makes the state REFRESH_FAILING: a status never shows a failing
        // refresh whose last attempt succeeded
        this.lastRefresh = RefreshRecord.failure(failure);
        this.consecutiveFailures++;
        Duration wait = waitAfter(failure);
        String previousType = (this.lastFailure != null) ? this.lastFailure.errorType() : null;
        this.retry.retryAfter(wait);
        this.lastError = error;
        this.lastFailure = failure;
        if (!failure.errorType().equals(previousType)) {
            logger.warn("{} Next try in {}.", error.getMessage(), DurationWords.of(wait));
        }
        this.listener.credentialsRefreshFailed(failure);
        return error;
    }

    /**
     * Records that what the call needs could not be had; told to the listener when it differs from the last
     * failure. Not remembered for callers: the source remembers and retries it.
     */
    private void recordSourceFailure(@Nullable RefreshFailure failure) {
        if (failure == null) {
            return;
        }
        RefreshFailure previous = this.lastFailure;
        this.lastRefresh = RefreshRecord.failure(failure);
        this.lastFailure = failure;
        this.consecutiveFailures++;
        this.retry.retryAfter(waitAfter(failure));
        if (previous == null || !previous.errorType().equals(failure.errorType())
                || !previous.message().equals(failure.message())) {
            this.listener.credentialsRefreshFailed(failure);
        }
    }

    private Duration waitAfter(RefreshFailure failure) {
        RetryBackoff backoff = this.timing.backoff();
        return (failure.kind() == FailureKind.TRANSIENT) ? backoff.delayAfter(this.consecutiveFailures)
                : backoff.max();
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
        this.withdrawals.withdrawn("The credentials of " + describe(), stale, this.lastFailure);
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
        return new SsoSessionException(Reason.CLOSED, "The credentials provider of " + describe()
                + " was closed (the application is shutting down); it serves no credentials.", null);
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
