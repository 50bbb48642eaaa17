package dev.awssso.core.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider.Timing;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.token.SsoToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Serves the credentials of a role assumed with STS {@code AssumeRole}, signed with the credentials of any
 * source provider (the Identity Center role, or the link before in a chain), with the guarantees of
 * {@link IdentityCenterCredentialsProvider}: {@link #resolveCredentials()} reads one volatile field and the wall
 * clock once and never hands out stale credentials; the background maintenance ({@link #refreshIfDue}) assumes
 * the role again ahead of its own expiry, whether or not it outlives the source's credentials (fresh source
 * credentials are asked for at each refresh); one call at a time on the fetch executor serves every waiting
 * caller, who waits {@link Timing#callerWait()} at most.
 * <p>
 * A failure of the source (no sign-in, an ended session, an unassigned role) is passed on with its reason and
 * not retried here: the source remembers and retries it. {@code AssumeRole} refusals are classified; an
 * {@code AccessDenied} names the source, the role and the trust policy to fix. A new sign-in of the source's
 * session, and the end of that session, withdraw the assumed credentials at once: they are never assumed again
 * with the credentials of an identity that is gone.
 */
public final class AssumedRoleCredentialsProvider implements RefreshingCredentialsProvider {

    private static final Logger logger = LoggerFactory.getLogger(AssumedRoleCredentialsProvider.class);

    private static final String OPERATION = "AssumeRole";

    /** The error type of a failure recorded because the source's credentials could not be had. */
    public static final String SOURCE_FAILURE = "SourceCredentials";

    private final String name;

    private final AssumeRoleSpec step;

    private final AwsCredentialsProvider source;

    private final String sourceDescription;

    private final RoleAssumer assumer;

    private final Clock clock;

    private final Timing timing;


    private final CredentialsListener listener;

    /** Guards {@link #held}, {@link #generation} and the call in flight together. */
    private final Object stateLock = new Object();

    /** The credentials being served with their refresh and stale times; read without a lock. */
    private volatile @Nullable HeldCredentials held;

    /** Changes with every sign-in, sign-out and close: a call started before a change serves nothing. */
    private int generation;

    private final SingleFlight flight;

    private final WithdrawalLog withdrawals;

    private volatile boolean closed;

    /** Set once the application is stopping: nobody waits for a call any more. */
    private volatile boolean stopping;

    private volatile boolean requested;

    private volatile @Nullable Instant withdrawnExpiry;

    private volatile @Nullable RefreshFailure lastFailure;

    /** The last refusal of STS, thrown at once to callers until {@link #nextAttemptAt}. */
    private volatile @Nullable SsoSessionException lastError;

    private volatile @Nullable RefreshRecord lastRefresh;

    private volatile Instant nextAttemptAt = Instant.MIN;

    /** Written by the call in progress only; calls do not overlap. */
    private int consecutiveFailures;

    /**
     * Creates a provider; it calls nothing until credentials are first asked for.
     * @param name the name of the role it serves, for messages
     * @param step the role to assume, and how
     * @param source the credentials to assume it with
     * @param sourceDescription the source in words, such as {@code the Identity Center role 'PowerUser' of account
     *     111122223333 (IAM role AWSReservedSSO_PowerUser_...)} or the ARN of the link before
     * @param fetchExecutor where calls run, so that a caller can stop waiting while the call goes on
     * @param listener told about refreshes, failures and withdrawals
     */
    public AssumedRoleCredentialsProvider(String name, AssumeRoleSpec step, AwsCredentialsProvider source,
            String sourceDescription, RoleAssumer assumer, Clock clock, Timing timing, Executor fetchExecutor,
            CredentialsListener listener) {
        this.name = name;
        this.step = step;
        this.source = source;
        this.sourceDescription = sourceDescription;
        this.assumer = assumer;
        this.clock = clock;
        this.timing = timing;
        this.flight = new SingleFlight(this.stateLock, fetchExecutor, this::fetchFresh, this::closedException,
                () -> "the credentials of " + describe());
        this.withdrawals = new WithdrawalLog(clock);
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

    @Override
    public Optional<AwsSessionCredentials> currentCredentials() {
        HeldCredentials current = this.held;
        return (current != null) ? Optional.of(current.credentials()) : Optional.empty();
    }

    @Override
    public Optional<Instant> withdrawnExpiry() {
        return Optional.ofNullable(this.withdrawnExpiry);
    }

    @Override
    public Optional<RefreshFailure> lastFailure() {
        return Optional.ofNullable(this.lastFailure);
    }

    @Override
    public Optional<RefreshRecord> lastRefresh() {
        return Optional.ofNullable(this.lastRefresh);
    }

    @Override
    public Optional<Instant> nextRefreshAt() {
        HeldCredentials current = this.held;
        return (current != null && this.requested) ? Optional.of(current.refreshAt()) : Optional.empty();
    }

    @Override
    public boolean requested() {
        return this.requested;
    }

    @Override
    public void refreshIfDue() {
        HeldCredentials current = this.held;
        Instant now = this.clock.instant();
        if (!this.requested || this.closed || (current != null && now.isBefore(current.refreshAt()))
                || now.isBefore(this.nextAttemptAt)) {
            return;
        }
        this.flight.start();
    }

    @Override
    public AwsSessionCredentials refreshNow() {
        requireOpen();
        this.requested = true;
        return this.flight.await(this.flight.start(), System.nanoTime() + this.timing.callerWait().toNanos(),
                this.timing.callerWait()).credentials();
    }

    @Override
    public void expireIfStale() {
        HeldCredentials current = this.held;
        if (current != null && this.clock.millis() >= current.staleAtMillis()) {
            withdraw(current);
        }
    }

    @Override
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
        this.flight.refuse(new SsoSessionException(Reason.CLOSED, "The application is stopping: " + describe()
                + " is not assumed any more.", null));
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
        SsoSessionException remembered = this.lastError;
        if (remembered != null && this.clock.instant().isBefore(this.nextAttemptAt)) {
            throw new SsoSessionException(remembered.reason(), remembered.getMessage(), null);
        }
        return this.flight.await(this.flight.start(), deadline, this.timing.callerWait()).credentials();
    }

    /** Assumes the role and serves the answer, unless the session changed meanwhile: then once more. */
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
                this.listener.credentialsRefreshed(fresh.credentials());
                return fresh;
            }
            requireOpen();
            if (attempt == 2) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "The IAM Identity Center session changed while "
                        + describe() + " was assumed; try again.", null);
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
        AwsCredentials sourceCredentials = sourceCredentials();
        try {
            AwsSessionCredentials credentials = this.assumer.assume(sourceCredentials, this.step);
            // lifetimes count from when the answer arrived, not from before a call that may have taken long
            HeldCredentials fresh = HeldCredentials.of(credentials, this.clock.instant(), this.timing);
            this.consecutiveFailures = 0;
            this.nextAttemptAt = Instant.MIN;
            this.lastError = null;
            this.lastFailure = null;
            this.lastRefresh = RefreshRecord.success(this.clock.instant());
            logger.debug("Assumed {}, valid until {}", describe(), fresh.expiresAt());
            return fresh;
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
            this.lastRefresh = RefreshRecord.failure(failure);
            remember(error, failure, failedAt);
            this.listener.credentialsRefreshFailed(failure);
            throw error;
        }
    }

    /**
     * The source's credentials now. Its failure is recorded and passed on, but not remembered for callers: the
     * source remembers it, and a new sign-in ends it there first.
     */
    private AwsCredentials sourceCredentials() {
        try {
            return this.source.resolveCredentials();
        }
        catch (RuntimeException ex) {
            Instant failedAt = this.clock.instant();
            Reason reason = (ex instanceof SsoSessionException session) ? session.reason() : Reason.UNAVAILABLE;
            if (reason == Reason.CLOSED) {
                throw ex;
            }
            RefreshFailure failure = new RefreshFailure(kindOf(reason), SOURCE_FAILURE, "the credentials of "
                    + this.sourceDescription + " to assume it with are not available: " + ex.getMessage(), failedAt,
                    null);
            RefreshFailure previous = this.lastFailure;
            this.lastRefresh = RefreshRecord.failure(failure);
            this.lastFailure = failure;
            this.consecutiveFailures++;
            this.nextAttemptAt = failedAt.plus(this.timing.backoff().delayAfter(this.consecutiveFailures));
            if (previous == null || !previous.message().equals(failure.message())) {
                this.listener.credentialsRefreshFailed(failure);
            }
            throw new SsoSessionException(reason, "Cannot assume " + describe() + ": " + ex.getMessage(), null);
        }
    }

    private static FailureKind kindOf(Reason sourceReason) {
        return switch (sourceReason) {
            case SIGNED_OUT, SESSION_ENDED -> FailureKind.SESSION_ENDED;
            case ACCESS_DENIED -> FailureKind.ACCESS_DENIED;
            default -> FailureKind.TRANSIENT;
        };
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

    private SsoSessionException toSessionException(RefreshFailure failure) {
        String fix = "correct " + this.step.origin() + " if the ARN is wrong.";
        return switch (failure.kind()) {
            case ACCESS_DENIED -> new SsoSessionException(Reason.ACCESS_DENIED, "STS does not let "
                    + this.sourceDescription + " assume " + this.step.roleArn() + " for role '" + this.name + "' ("
                    + failure + "). Allow it in the trust policy of " + this.step.roleArn()
                    + " (a statement with that principal and sts:AssumeRole"
                    + ((this.step.externalId() != null) ? ", and the sts:ExternalId condition given" : "")
                    + "), or " + fix, null);
            case TRANSIENT -> new SsoSessionException(Reason.UNAVAILABLE, "Could not assume " + describe() + " ("
                    + failure + "); retrying in the background.", failure.cause());
            default -> new SsoSessionException(Reason.UNAVAILABLE, "STS refused to assume " + describe() + " ("
                    + failure + "); check " + this.step.origin() + ", or " + fix, null);
        };
    }

    private void remember(SsoSessionException error, RefreshFailure failure, Instant now) {
        this.consecutiveFailures++;
        Duration wait = (failure.kind() == FailureKind.TRANSIENT)
                ? this.timing.backoff().delayAfter(this.consecutiveFailures) : this.timing.backoff().max();
        String previousType = (this.lastFailure != null) ? this.lastFailure.errorType() : null;
        this.nextAttemptAt = now.plus(wait);
        this.lastError = error;
        this.lastFailure = failure;
        if (!failure.errorType().equals(previousType)) {
            logger.warn("{} Next try in {}.", error.getMessage(), DurationWords.of(wait));
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

    private String describe() {
        return "role '" + this.name + "' (" + this.step.roleArn() + ")";
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentialsProvider[" + describe() + ", assumed with " + this.sourceDescription + "]";
    }
}
