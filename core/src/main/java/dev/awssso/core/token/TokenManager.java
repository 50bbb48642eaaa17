package dev.awssso.core.token;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

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
import dev.awssso.core.refresh.RetryTimer;
import dev.awssso.core.token.TokenCacheFile.FileStamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the access token of one IAM Identity Center sign-in usable: follows the CLI-compatible cache file
 * (so a new {@code aws sso login} is adopted at once), refreshes the token with its refresh token before it
 * expires, and writes the result back for the AWS CLI and the other SDKs.
 * <p>
 * One refresh runs at a time however many threads ask. Before refreshing, the file is re-read under its lock,
 * so a token another process has already rotated is adopted rather than overwritten; it is read again once
 * {@code CreateToken} answers, because the AWS CLI takes no lock: a sign-in it wrote meanwhile wins, and a
 * refresh token it rotated at the same moment (which makes {@code CreateToken} refuse this one) is adopted
 * instead of ending the session.
 * <p>
 * A new token lives in memory first and on disk second: when the file cannot be written (a read-only mount, a
 * full disk), the token and its rotated refresh token stay in use, the write is {@linkplain #pendingWrite()
 * pending} and {@linkplain #persistIfPending() retried}, and the older file is not read back over it. An access
 * token is not handed out in the last minute before its expiry (the last quarter of a shorter lifetime).
 * <p>
 * Every refresh but an explicit one ({@link #refreshNow()}) waits out the backoff after a failed one, counted on the
 * monotonic clock: however many threads and roles ask meanwhile, they get the failure at once. A refresh that IAM
 * Identity Center refuses for good ({@link FailureKind#REFRESH_REFUSED}) is not tried again until a new sign-in.
 */
public final class TokenManager {

    private static final Logger logger = LoggerFactory.getLogger(TokenManager.class);

    private static final String OPERATION = "CreateToken";

    /** How long before expiry the AWS CLI refreshes a token: a token it writes in that window is a refresh. */
    private static final Duration CLI_REFRESH_WINDOW = Duration.ofMinutes(15);

    /** How often a bounded wait for the lock checks whether the manager was closed meanwhile. */
    private static final long LOCK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final SsoSettings settings;

    private final TokenCacheFile cacheFile;

    private final TokenRefresher refresher;

    private final Clock clock;

    private final Duration refreshWindow;

    private final RetryBackoff backoff;

    private final TokenListener listener;

    /** Held while the file is read or the token refreshed; both also happen on request threads. */
    private final ReentrantLock lock = new ReentrantLock();

    private volatile @Nullable SsoToken token;

    /** The current token with the instant it stops being handed out, read together on the hot path. */
    private volatile @Nullable Usable usable;

    private volatile @Nullable PendingWrite pendingWrite;

    /** What the cache file holds while a write is pending: the token before it, or {@code null} for no file. */
    private @Nullable SsoToken staleOnDisk;

    private volatile Instant refreshAt = Instant.MAX;

    private volatile @Nullable TokenCacheException unreadableFile;

    private volatile @Nullable RefreshFailure sessionEnd;

    private volatile @Nullable RefreshFailure lastFailure;

    private volatile @Nullable RefreshFailure refusal;

    private volatile @Nullable RefreshRecord lastRefresh;

    /** How long the last {@code CreateToken} of the refresh in progress took; written under the lock. */
    private @Nullable Duration callDuration;

    private volatile @Nullable Instant signedInAt;

    private FileStamp stamp = FileStamp.ABSENT;

    private int consecutiveFailures;

    /** Until when no refresh but an explicit one is tried after a failure. */
    private final RetryTimer retry = new RetryTimer();

    private volatile boolean closed;

    public TokenManager(SsoSettings settings, TokenCacheFile cacheFile, TokenRefresher refresher, Clock clock,
            Duration refreshWindow, RetryBackoff backoff, TokenListener listener) {
        this.settings = settings;
        this.cacheFile = cacheFile;
        this.refresher = refresher;
        this.clock = clock;
        this.refreshWindow = refreshWindow;
        this.backoff = backoff;
        this.listener = listener;
    }

    /**
     * Marks the engine as closing: a refresh cut short from then on (its call aborted) is neither recorded nor
     * logged as a failure to retry, and fails with {@link Reason#CLOSED}. A wait for the cache file's lock ends at
     * once, so that a sign-in being stored never holds up the close.
     */
    public void close() {
        this.closed = true;
        this.cacheFile.close();
    }

    /** The cache file this manager follows. */
    public TokenCacheFile cacheFile() {
        return this.cacheFile;
    }

    /** The token last read or refreshed, valid or not; empty when nobody is signed in. */
    public Optional<SsoToken> currentToken() {
        return Optional.ofNullable(this.token);
    }

    /** When the current token is due for a refresh ({@link Instant#MAX} without a token). */
    public Instant refreshAt() {
        return this.refreshAt;
    }

    /** The last failed refresh since the last success or sign-in, if any. */
    public Optional<RefreshFailure> lastFailure() {
        return Optional.ofNullable(this.lastFailure);
    }

    /**
     * Why IAM Identity Center refuses to refresh the token for good ({@link FailureKind#REFRESH_REFUSED}), if it
     * does; cleared by a new sign-in.
     */
    public Optional<RefreshFailure> refreshRefusal() {
        return Optional.ofNullable(this.refusal);
    }

    /**
     * Why the current token cannot be refreshed now, if it cannot: what the token lacks, or IAM Identity Center's
     * refusal of its refresh with what to do about it.
     */
    public Optional<String> whyNotRefreshable() {
        SsoToken current = this.token;
        return (current != null) ? whyNotRefreshable(current, this.clock.instant()) : Optional.empty();
    }

    /** The outcome of the last refresh attempt, if any. */
    public Optional<RefreshRecord> lastRefresh() {
        return Optional.ofNullable(this.lastRefresh);
    }

    /**
     * Why IAM Identity Center ended the session (a refused refresh or a rejected token), if it did; cleared by
     * a new sign-in.
     */
    public Optional<RefreshFailure> sessionEnd() {
        return Optional.ofNullable(this.sessionEnd);
    }

    /**
     * The write of the current token to the cache file that failed and waits for a retry, if any: the token
     * lives in memory only meanwhile.
     */
    public Optional<PendingWrite> pendingWrite() {
        return Optional.ofNullable(this.pendingWrite);
    }

    /** Why the cache file cannot be read, if it cannot. */
    public Optional<TokenCacheException> unreadableFile() {
        return Optional.ofNullable(this.unreadableFile);
    }

    /**
     * When the current sign-in happened, as far as can be told: the time the cache file was written by the
     * sign-in, or when it was first read.
     */
    public Optional<Instant> signedInAt() {
        return Optional.ofNullable(this.signedInAt);
    }

    /**
     * Re-reads the cache file if it changed on disk since it was last read or written. Skipped when a refresh
     * is under way (it re-reads the file itself).
     */
    public void reloadIfChanged() {
        if (this.lock.tryLock()) {
            try {
                reloadLocked(false, false);
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /**
     * A token for a portal call: the current one until a minute before it expires (a quarter of its lifetime
     * when shorter), else a refreshed one.
     * @throws SsoSessionException when nobody is signed in, the session has ended, the token (nearly) expired and
     *     cannot be refreshed, the cache file cannot be read, or (with {@link Reason#UNAVAILABLE}) the refresh
     *     failed or the backoff after a failed one lasts
     */
    public SsoToken usableToken() {
        return usableToken(CallerWait.UNBOUNDED);
    }

    /**
     * A token for a portal call, as {@link #usableToken()} gives it, waiting {@code wait} at most for the locks of
     * a refresh that another thread or process holds: the wait of a caller's own thread. The refresh call itself
     * is bounded by the call timeout.
     * @throws SsoSessionException as {@link #usableToken()} does, and with {@link Reason#UNAVAILABLE} when the
     *     wait ended before the locks were had
     */
    public SsoToken usableToken(Duration wait) {
        return usableToken(CallerWait.atMost(wait));
    }

    private SsoToken usableToken(CallerWait wait) {
        reloadIfChanged();
        Usable current = this.usable;
        if (current != null && this.sessionEnd == null && current.at(this.clock.instant())) {
            return current.token();
        }
        lock(wait);
        try {
            reloadLocked(false, false);
            SsoToken latest = requireToken();
            Instant now = this.clock.instant();
            if (isUsable(latest, now)) {
                return latest;
            }
            requireRefreshable(latest, now, (latest.isExpired(now) ? "expired at " : "expires at ")
                    + latest.expiresAt() + " and ");
            requireNoBackoff();
            return refreshLocked(latest, (candidate) -> !isUsable(candidate, this.clock.instant()), wait);
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Replaces a token the portal rejected (401, {@code UnauthorizedException}), which alone does not prove the
     * session ended: a different token already current is returned as it is; a refreshable one is refreshed once
     * (or a token another process rotated meanwhile adopted), unless the backoff after a failed refresh lasts. The
     * session ends only when {@code CreateToken} refuses the refresh token, or when the rejected token cannot be
     * refreshed.
     * @param rejected the token the portal rejected
     * @return the token to retry the call with
     * @throws SsoSessionException {@link Reason#SESSION_ENDED} naming the sign-in command when the session has
     *     ended; {@link Reason#UNAVAILABLE} when the refresh failed for a passing reason, or its backoff lasts
     */
    public SsoToken replaceRejectedToken(SsoToken rejected) {
        this.lock.lock();
        try {
            reloadLocked(false, false);
            SsoToken current = requireToken();
            if (!current.sameAccessToken(rejected)) {
                return current;
            }
            Instant now = this.clock.instant();
            Optional<String> notRefreshable = whyNotRefreshable(current, now);
            if (notRefreshable.isPresent()) {
                RefreshFailure failure = new RefreshFailure(FailureKind.SESSION_ENDED, "UnauthorizedException",
                        "the portal rejected the access token, which cannot be refreshed: " + notRefreshable.get(),
                        now, null);
                tokenRejected(current, failure);
                throw sessionEnded(failure);
            }
            requireNoBackoff();
            return refreshLocked(current, (latest) -> latest.sameAccessToken(rejected), CallerWait.UNBOUNDED);
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Refreshes the token if it is inside its refresh window, refreshable, and not waiting out a backoff
     * after a failure. Failures are recorded and logged, not thrown.
     */
    public void refreshIfDue() {
        SsoToken current = this.token;
        Instant now = this.clock.instant();
        if (current == null || now.isBefore(this.refreshAt) || this.sessionEnd != null
                || whyNotRefreshable(current, now).isPresent() || !this.lock.tryLock()) {
            return;
        }
        try {
            if (this.retry.waiting()) {
                return;
            }
            refreshLocked(current, (latest) -> !this.clock.instant().isBefore(this.refreshAt), CallerWait.UNBOUNDED);
        }
        catch (SsoSessionException ex) {
            // recorded in lastFailure and logged
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Refreshes the token now, whatever its expiry and any backoff (an explicit request).
     * @throws SsoSessionException when the token cannot be refreshed
     */
    public SsoToken refreshNow() {
        return refreshNow(CallerWait.UNBOUNDED);
    }

    /**
     * Refreshes the token now, as {@link #refreshNow()} does, waiting {@code wait} at most for the locks of a
     * refresh that another thread or process holds: the wait of a caller's own thread. The refresh call itself is
     * bounded by the call timeout.
     * @throws SsoSessionException when the token cannot be refreshed, and with {@link Reason#UNAVAILABLE} when the
     *     wait ended before the locks were had
     */
    public SsoToken refreshNow(Duration wait) {
        return refreshNow(CallerWait.atMost(wait));
    }

    private SsoToken refreshNow(CallerWait wait) {
        lock(wait);
        try {
            reloadLocked(false, false);
            SsoToken current = requireToken();
            requireRefreshable(current, this.clock.instant(), "");
            return refreshLocked(current, (latest) -> latest.sameAccessToken(current), wait);
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Adopts the token of a sign-in made by the application as a new sign-in, then stores it in the cache file
     * (where the AWS CLI and the other SDKs find it too); a failed write leaves it {@linkplain #pendingWrite()
     * pending}. Waits for the locks the cache file's lock wait at most, and not once the manager is closed.
     * @throws SsoSessionException {@link Reason#CLOSED} when the manager closed meanwhile; {@link Reason#UNAVAILABLE}
     *     when a refresh of this application held the lock for longer than the lock wait
     */
    public void signIn(SsoToken token) {
        lock(CallerWait.atMost(this.cacheFile.lockWait()));
        try {
            SsoToken previous = this.token;
            Instant now = this.clock.instant();
            // set before the token shows, so that no status shows the new token with the previous sign-in's time
            this.signedInAt = now;
            adopt(token, now);
            try {
                this.cacheFile.underLock(() -> {
                    write(token, previous);
                    return null;
                });
            }
            catch (TokenCacheException ex) {
                if (this.closed) {
                    throw closedException();
                }
                writeFailed(ex, previous);
            }
            beginSignIn(token, now);
            if (previous != null) {
                logger.info("Signed in to IAM Identity Center again: {}", this.settings.describe());
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Writes the current token to the cache file if an earlier write failed ({@link #pendingWrite()}), unless
     * the file meanwhile holds a token written by someone else, which is then adopted. Skipped when a refresh is
     * under way (it writes the file itself).
     */
    public void persistIfPending() {
        if (this.pendingWrite == null || !this.lock.tryLock()) {
            return;
        }
        try {
            this.cacheFile.underLock(() -> {
                reloadLocked(true, false);
                SsoToken current = this.token;
                if (this.pendingWrite != null && current != null && this.unreadableFile == null) {
                    write(current, null);
                }
                return null;
            });
        }
        catch (TokenCacheException ex) {
            // the lock wait ended: retried at the next check
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Signs out: deletes this session's token file (and nothing else) and forgets the token.
     * @return whether there was a token file to delete
     */
    public boolean signOut() {
        this.lock.lock();
        try {
            boolean deleted = this.cacheFile.underLock(this.cacheFile::delete);
            this.pendingWrite = null;
            reloadLocked(true, false);
            return deleted;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Records that the portal rejected {@code rejected} (the session has ended) when it is still the current token:
     * no token is handed out again until a new sign-in appears in the cache. The rejection of a token that a
     * refresh or a new sign-in has replaced meanwhile ends nothing.
     * @param rejected the token the rejected call used
     * @param failure the rejection
     * @return whether the session has ended: {@code false} when {@code rejected} was replaced meanwhile
     */
    public boolean tokenRejected(SsoToken rejected, RefreshFailure failure) {
        this.lock.lock();
        try {
            reloadLocked(false, false);
            if (this.sessionEnd == null && rejected.sameAccessToken(this.token)) {
                this.sessionEnd = failure;
                logger.warn("IAM Identity Center rejected the access token of {}: the session has ended ({}). Sign in"
                        + " again with `{}`.", this.settings.describe(), failure, this.settings.signInCommand());
                this.listener.sessionEnded(failure);
            }
            return this.sessionEnd != null;
        }
        finally {
            this.lock.unlock();
        }
    }

    private SsoToken requireToken() {
        SsoToken current = this.token;
        if (current == null) {
            throw noToken();
        }
        RefreshFailure ended = this.sessionEnd;
        if (ended != null) {
            throw sessionEnded(ended);
        }
        return current;
    }

    private void requireRefreshable(SsoToken current, Instant now, String state) {
        Optional<String> why = whyNotRefreshable(current, now);
        if (why.isPresent()) {
            // a refused refresh says what to do itself
            String signIn = current.whyNotRefreshable(now).isPresent()
                    ? ". Sign in again with `" + this.settings.signInCommand() + "`." : "";
            throw new SsoSessionException(Reason.SESSION_ENDED, "The IAM Identity Center access token in "
                    + this.cacheFile + " " + state + "cannot be refreshed: " + why.get() + signIn, null);
        }
    }

    private Optional<String> whyNotRefreshable(SsoToken token, Instant now) {
        Optional<String> lacking = token.whyNotRefreshable(now);
        RefreshFailure refused = this.refusal;
        return (lacking.isPresent() || refused == null) ? lacking : Optional.of(describeRefusal(refused));
    }

    private String describeRefusal(RefreshFailure refused) {
        return "IAM Identity Center refused its refresh (" + refused + "). "
                + FailureClassifier.refusedRefreshFix(refused.errorType(), this.settings.signInCommand());
    }

    /** Fails at once, with the failure that started it, while the backoff after a failed refresh lasts. */
    private void requireNoBackoff() {
        RefreshFailure failure = this.lastFailure;
        if (failure != null && this.retry.waiting()) {
            throw new SsoSessionException(Reason.UNAVAILABLE, "Refreshing the IAM Identity Center token of "
                    + this.settings.describe() + " failed (" + failure + "); next try in "
                    + DurationWords.of(this.retry.remaining()) + ".", failure.cause());
        }
    }

    /**
     * Takes the lock, as long as it is held for an unbounded wait; a bounded one gives up at its deadline, or once
     * the manager is closed.
     */
    private void lock(CallerWait wait) {
        if (!wait.bounded()) {
            this.lock.lock();
            return;
        }
        try {
            while (!this.lock.tryLock(Math.max(0, Math.min(wait.remainingNanos(), LOCK_POLL_NANOS)),
                    TimeUnit.NANOSECONDS)) {
                if (this.closed) {
                    throw closedException();
                }
                if (wait.remainingNanos() <= 0) {
                    throw new SsoSessionException(Reason.UNAVAILABLE, "Another refresh of the IAM Identity Center"
                            + " token of " + this.settings.describe() + " is under way in this application; try"
                            + " again.", null);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SsoSessionException(Reason.UNAVAILABLE, "Interrupted while waiting for a refresh of the IAM"
                    + " Identity Center token of " + this.settings.describe() + ".", ex);
        }
    }

    /**
     * Refreshes under the file lock. The file is re-read first: when another process has meanwhile written a
     * token for which {@code stillNeedsRefresh} no longer holds, that token is adopted instead. A caller's wait
     * that ends before the file lock is had is no failed refresh: the holder is refreshing.
     */
    private SsoToken refreshLocked(SsoToken current, Predicate<SsoToken> stillNeedsRefresh, CallerWait wait) {
        Duration lockWait = wait.bounded() ? Duration.ofNanos(Math.max(0, wait.remainingNanos()))
                : this.cacheFile.lockWait();
        this.callDuration = null;
        try {
            SsoToken refreshed = this.cacheFile
                .underLock(() -> refreshUnlessRotatedElsewhere(current, stillNeedsRefresh), lockWait);
            clearFailure();
            return refreshed;
        }
        catch (SsoSessionException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            if (this.closed) {
                throw closedException();
            }
            if (ex instanceof CacheLockTimeoutException && lockWait.compareTo(this.cacheFile.lockWait()) < 0) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "Another process holds the token cache lock "
                        + this.cacheFile.lockFile() + " (it is refreshing the token of " + this.settings.describe()
                        + ", or hangs); try again.", null);
            }
            // the backoff counts from the failure, not from the start of an attempt that may have taken long
            Instant now = this.clock.instant();
            RefreshFailure failure = (ex instanceof TokenCacheException cache)
                    ? new RefreshFailure(FailureKind.TRANSIENT, "TokenCacheException", cache.getMessage(), now, cache)
                    : FailureClassifier.classify(OPERATION, ex, now);
            Duration took = this.callDuration;
            if (took != null) {
                failure = failure.withDuration(took);
            }
            recordFailure(failure);
            if (failure.kind() == FailureKind.REFRESH_REFUSED) {
                logger.warn("IAM Identity Center refuses to refresh the token of {} ({}). {} It is not refreshed again"
                        + " before a new sign-in; the current token serves until {}.", this.settings.describe(), failure,
                        FailureClassifier.refusedRefreshFix(failure.errorType(), this.settings.signInCommand()),
                        current.expiresAt());
                throw new SsoSessionException(Reason.SESSION_ENDED, "The IAM Identity Center access token in "
                        + this.cacheFile + " cannot be refreshed: " + describeRefusal(failure), null);
            }
            if (failure.kind() == FailureKind.SESSION_ENDED) {
                this.sessionEnd = failure;
                this.listener.sessionEnded(failure);
                logger.warn("The IAM Identity Center session of {} has ended: the token refresh was refused ({})."
                        + " Sign in again with `{}`.", this.settings.describe(), failure, this.settings.signInCommand());
                throw sessionEnded(failure);
            }
            logger.warn("Refreshing the IAM Identity Center token of {} failed ({}); next try in {}.",
                    this.settings.describe(), failure,
                    DurationWords.of(this.retry.remaining()));
            throw new SsoSessionException(Reason.UNAVAILABLE, "Refreshing the IAM Identity Center token of "
                    + this.settings.describe() + " failed (" + failure + ").", failure.cause());
        }
    }

    private SsoToken refreshUnlessRotatedElsewhere(SsoToken current, Predicate<SsoToken> stillNeedsRefresh) {
        reloadLocked(true, false);
        TokenCacheException unreadable = this.unreadableFile;
        if (unreadable != null) {
            Instant now = this.clock.instant();
            recordFailure(new RefreshFailure(FailureKind.TRANSIENT, "TokenCacheException", unreadable.getMessage(),
                    now, null));
            throw new SsoSessionException(Reason.TOKEN_CACHE_UNREADABLE, unreadable.getMessage(), unreadable);
        }
        SsoToken latest = requireToken();
        if (!latest.sameAccessToken(current) && !stillNeedsRefresh.test(latest)) {
            logger.debug("Adopted the token another process wrote to {}", this.cacheFile);
            return latest;
        }
        Instant requestedAt = this.clock.instant();
        long startedNanos = System.nanoTime();
        SsoToken refreshed;
        try {
            refreshed = this.refresher.refresh(latest);
        }
        catch (RuntimeException ex) {
            this.callDuration = Duration.ofNanos(System.nanoTime() - startedNanos);
            SsoToken rotated = rotatedElsewhere(ex, latest);
            if (rotated == null) {
                throw ex;
            }
            return rotated;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        // the AWS CLI takes no lock: what it wrote while CreateToken was on the wire (a new sign-in, a sign-out) is
        // newer than this refresh of the old token, and is kept
        reloadLocked(false, false);
        if (!latest.sameAccessToken(this.token)) {
            logger.debug("{} was rewritten while its token was refreshed: what it holds now is kept", this.cacheFile);
            return requireToken();
        }
        adopt(refreshed, requestedAt);
        this.lastRefresh = RefreshRecord.success(this.clock.instant());
        write(refreshed, latest);
        // told once the file is written, so that whoever reacts to it finds the file as this refresh left it
        this.listener.tokenRefreshed(refreshed, took);
        logger.debug("Refreshed the IAM Identity Center token of {}; it now expires at {}", this.settings.describe(),
                refreshed.expiresAt());
        return refreshed;
    }

    /**
     * The token another process wrote to the cache file after it rotated the refresh token that
     * {@code CreateToken} has just refused for {@code refused}: two processes that refresh at the same moment use
     * the same refresh token, and only the first succeeds. A refused refresh token ends the session only when the
     * file holds no other token that is still valid.
     * @return the token to adopt, or {@code null} when {@code failure} stands
     * @throws SsoSessionException when the file was removed meanwhile (signed out)
     */
    private @Nullable SsoToken rotatedElsewhere(RuntimeException failure, SsoToken refused) {
        Instant now = this.clock.instant();
        if (FailureClassifier.classify(OPERATION, failure, now).kind() != FailureKind.SESSION_ENDED) {
            return null;
        }
        reloadLocked(false, false);
        SsoToken onDisk = this.token;
        if (onDisk == null) {
            throw noToken();
        }
        if (onDisk.sameAccessToken(refused) || onDisk.isExpired(now) || this.sessionEnd != null) {
            return null;
        }
        logger.debug("Another process rotated the refresh token of {} at the same moment: its token is adopted",
                this.settings.describe());
        return onDisk;
    }

    /**
     * Writes {@code token}, which is already in use, to the cache file; on failure the write is left pending.
     * @param replaced the token the file held before, as far as this manager knows
     */
    private void write(SsoToken token, @Nullable SsoToken replaced) {
        try {
            // the stamp of what was written: a sign-in written right after it still counts as a change
            this.stamp = this.cacheFile.write(token);
        }
        catch (TokenCacheException ex) {
            writeFailed(ex, replaced);
            return;
        }
        if (this.pendingWrite != null) {
            this.pendingWrite = null;
            this.staleOnDisk = null;
            logger.info("The IAM Identity Center token kept in memory is now written to {}", this.cacheFile);
        }
    }

    private void writeFailed(TokenCacheException failure, @Nullable SsoToken replaced) {
        PendingWrite previous = this.pendingWrite;
        String reason = (failure.getCause() instanceof IOException cause) ? CacheFiles.reason(cause)
                : failure.getMessage();
        if (previous == null) {
            this.staleOnDisk = replaced;
        }
        PendingWrite pending = new PendingWrite(this.cacheFile.path(), reason,
                (previous != null) ? previous.since() : this.clock.instant());
        this.pendingWrite = pending;
        if (previous == null || !previous.reason().equals(reason)) {
            logger.warn(pending.message());
        }
    }

    /** Whether the file, read while a write is pending, still holds what it held before: older than memory. */
    private boolean stillStale(Optional<SsoToken> read) {
        return read.map((onDisk) -> onDisk.sameAccessToken(this.staleOnDisk)).orElse(this.staleOnDisk == null);
    }

    /**
     * Reads the cache file when it changed since it was last read or written, or could not be read (always when
     * {@code force}). A
     * token from a new sign-in is adopted and reported to the listener; a file that cannot be read is logged
     * once and the token in memory kept.
     * @param signInExpected whether a new token is known to come from a new sign-in
     */
    private void reloadLocked(boolean force, boolean signInExpected) {
        FileStamp current = this.cacheFile.stamp();
        // an unreadable file is tried again: mending its mode or mount changes nothing in its stamp
        if (!force && current.equals(this.stamp) && this.unreadableFile == null) {
            return;
        }
        this.stamp = current;
        Optional<SsoToken> read;
        try {
            read = this.cacheFile.read();
        }
        catch (TokenCacheException ex) {
            if (this.unreadableFile == null) {
                logger.warn(ex.getMessage());
            }
            this.unreadableFile = ex;
            return;
        }
        this.unreadableFile = null;
        if (this.pendingWrite != null) {
            if (stillStale(read)) {
                return;
            }
            logger.info("{} was written by another process while a write was pending: its token is adopted",
                    this.cacheFile);
            this.pendingWrite = null;
            this.staleOnDisk = null;
        }
        SsoToken previous = this.token;
        if (read.isEmpty()) {
            this.token = null;
            this.usable = null;
            this.refreshAt = Instant.MAX;
            this.signedInAt = null;
            if (previous != null) {
                logger.info("The IAM Identity Center token cache {} was removed: signed out", this.cacheFile);
                this.listener.signedOut();
            }
            return;
        }
        SsoToken latest = read.get();
        if (latest.sameAccessToken(previous)) {
            return;
        }
        boolean newSignIn = signInExpected || !continuesSession(previous, latest);
        if (newSignIn) {
            // set before the token shows, so that no status shows the new token with the previous sign-in's time
            this.signedInAt = Instant.ofEpochMilli(current.modifiedMillis());
        }
        adopt(latest, Instant.ofEpochMilli(current.modifiedMillis()));
        if (newSignIn) {
            if (previous != null) {
                logger.info("Adopted a new IAM Identity Center sign-in from {}: the credentials of the previous one"
                        + " are no longer served", this.cacheFile);
            }
            beginSignIn(latest, Instant.ofEpochMilli(current.modifiedMillis()));
        }
        else {
            refreshedElsewhere();
        }
    }

    /** Another process refreshed the token of this sign-in: what this process's own refreshes failed with is over. */
    private void refreshedElsewhere() {
        if (this.lastFailure != null) {
            this.lastRefresh = RefreshRecord.success(this.clock.instant());
        }
        clearFailure();
    }

    private void clearFailure() {
        this.consecutiveFailures = 0;
        this.retry.retryNow();
        this.lastFailure = null;
    }

    /** Starts a new sign-in with {@code token}, already adopted: what the previous one went through is forgotten. */
    private void beginSignIn(SsoToken token, Instant signedInAt) {
        this.signedInAt = signedInAt;
        this.sessionEnd = null;
        this.refusal = null;
        clearFailure();
        this.lastRefresh = null;
        this.listener.signedIn(token);
    }

    /**
     * Whether {@code next} most likely continues the sign-in of {@code previous} (a refresh by another process)
     * rather than starting a new one, a new identity. A token that replaces one of an ended session or of a refused
     * refresh, or one of another client, always starts a new sign-in. The AWS CLI reuses its client registration
     * for months, so a token of the same client continues the sign-in only when this library refreshed it from
     * that sign-in, it keeps the previous refresh token, or it came while the previous token was due for a refresh
     * or had expired (the AWS CLI refreshes an expired token too, as when this machine slept past its expiry); an
     * {@code aws sso login} before that is a new sign-in.
     */
    private boolean continuesSession(@Nullable SsoToken previous, SsoToken next) {
        Instant now = this.clock.instant();
        // The file holds whole seconds: a refresh written by another process within the same second as (or
        // shortly after) this one's may expire up to a second earlier than the token this process holds.
        boolean sameClient = previous != null && this.sessionEnd == null && this.refusal == null
                && previous.clientId() != null && previous.clientId().equals(next.clientId())
                && next.refreshToken() != null
                && !next.expiresAt().isBefore(previous.expiresAt().truncatedTo(ChronoUnit.SECONDS));
        return sameClient && (next.continues(previous) || next.refreshToken().equals(previous.refreshToken())
                || dueForRefresh(previous, now));
    }

    /**
     * Whether {@code token} is inside the refresh window of this manager or of the AWS CLI at {@code now}, or has
     * expired.
     */
    private boolean dueForRefresh(SsoToken token, Instant now) {
        Duration window = (this.refreshWindow.compareTo(CLI_REFRESH_WINDOW) > 0) ? this.refreshWindow
                : CLI_REFRESH_WINDOW;
        return token.remaining(now).compareTo(window) <= 0;
    }

    private void adopt(SsoToken token, Instant obtainedAt) {
        this.refreshAt = RefreshTiming.refreshAt(obtainedAt, token.expiresAt(), this.refreshWindow);
        this.token = token;
        this.usable = new Usable(token, ExpiryMargin.usableUntil(obtainedAt, token.expiresAt()));
    }

    /** Whether {@code token} is the current one and may still be handed out at {@code now}. */
    private boolean isUsable(SsoToken token, Instant now) {
        Usable current = this.usable;
        return current != null && current.token().sameAccessToken(token) && current.at(now);
    }

    private void recordFailure(RefreshFailure failure) {
        this.lastRefresh = RefreshRecord.failure(failure);
        this.consecutiveFailures++;
        Duration wait = (failure.kind() == FailureKind.TRANSIENT) ? this.backoff.delayAfter(this.consecutiveFailures)
                : this.backoff.max();
        this.retry.retryAfter(wait);
        this.lastFailure = failure;
        if (failure.kind() == FailureKind.REFRESH_REFUSED) {
            this.refusal = failure;
        }
        // told last, so that the status of its event shows the failure
        this.listener.tokenRefreshFailed(failure);
    }

    private SsoSessionException closedException() {
        return new SsoSessionException(Reason.CLOSED, "The IAM Identity Center engine of " + this.settings.describe()
                + " was closed (the application is shutting down).", null);
    }

    private SsoSessionException sessionEnded(RefreshFailure failure) {
        return new SsoSessionException(Reason.SESSION_ENDED, "The IAM Identity Center session of "
                + this.settings.describe() + " has ended (" + failure + "). Sign in again with `"
                + this.settings.signInCommand() + "`.", null);
    }

    private SsoSessionException noToken() {
        TokenCacheException unreadable = this.unreadableFile;
        if (unreadable != null) {
            return new SsoSessionException(Reason.TOKEN_CACHE_UNREADABLE, unreadable.getMessage(), unreadable);
        }
        return new SsoSessionException(Reason.SIGNED_OUT, "Not signed in to IAM Identity Center: there is no token"
                + " in " + this.cacheFile + " for " + describeSession() + ". Sign in with `"
                + this.settings.signInCommand() + "`.", null);
    }

    private String describeSession() {
        return this.settings.legacy() ? "start URL " + this.settings.startUrl()
                : "sso-session '" + this.settings.sessionName() + "'";
    }

    /**
     * How long a caller waits for the locks of a refresh: {@link #UNBOUNDED} for as long as another thread of this
     * application holds the lock and for the cache file's lock wait, else until a deadline ({@link System#nanoTime()}).
     */
    private record CallerWait(long deadlineNanos, boolean bounded) {

        static final CallerWait UNBOUNDED = new CallerWait(0, false);

        static CallerWait atMost(Duration wait) {
            return new CallerWait(System.nanoTime() + wait.toNanos(), true);
        }

        long remainingNanos() {
            return this.deadlineNanos - System.nanoTime();
        }
    }

    /** A token with the instant from which it is no longer handed out. */
    private record Usable(SsoToken token, Instant until) {

        boolean at(Instant now) {
            return now.isBefore(this.until);
        }
    }
}
