package dev.awssso.core.credentials;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.refresh.DurationWords;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of credentials at a time, run on an executor so that a caller can stop waiting while it goes on. A
 * caller that finds a fetch in flight joins it. A fetch stops being the one in flight before anyone hears its
 * outcome, so that a caller who finds the credentials stale afterwards starts a new one instead of being handed an
 * old answer. Each caller waits until its own deadline and no longer.
 */
final class SingleFlight {

    private final Object lock;

    private final Executor executor;

    private final Supplier<HeldCredentials> fetch;

    private final Supplier<SsoSessionException> closedException;

    private final Supplier<String> credentialsDescription;

    /** Guarded by {@link #lock}. */
    private @Nullable CompletableFuture<HeldCredentials> inFlight;

    /** Why no caller waits any more, once {@link #refuse} was called; guarded by {@link #lock}. */
    private @Nullable SsoSessionException refusal;

    /**
     * @param lock the provider's state lock, which also guards the fetch in flight
     * @param executor where fetches run
     * @param fetch fetches and serves fresh credentials, or throws why it could not
     * @param closedException what a caller gets once the provider is closed
     * @param credentialsDescription the credentials in words, for messages, such as {@code role credentials of
     *     role 'ReadOnly' in account 111122223333}
     */
    SingleFlight(Object lock, Executor executor, Supplier<HeldCredentials> fetch,
            Supplier<SsoSessionException> closedException, Supplier<String> credentialsDescription) {
        this.lock = lock;
        this.executor = executor;
        this.fetch = fetch;
        this.closedException = closedException;
        this.credentialsDescription = credentialsDescription;
    }

    /** The fetch in flight, or a new one on the executor; after {@link #refuse}, the refusal. */
    CompletableFuture<HeldCredentials> start() {
        CompletableFuture<HeldCredentials> started;
        synchronized (this.lock) {
            if (this.refusal != null) {
                return CompletableFuture.failedFuture(this.refusal);
            }
            if (this.inFlight != null) {
                return this.inFlight;
            }
            started = new CompletableFuture<>();
            this.inFlight = started;
        }
        try {
            this.executor.execute(() -> run(started));
        }
        catch (RejectedExecutionException ex) {
            finish(started);
            started.completeExceptionally(this.closedException.get());
        }
        return started;
    }

    /**
     * Waits for {@code pending} until {@code deadlineNanos} ({@link System#nanoTime()}).
     * @param callerWait the longest wait, for the message of a caller that waited it out
     * @throws SsoSessionException the fetch's own failure, or why the caller stopped waiting
     */
    HeldCredentials await(CompletableFuture<HeldCredentials> pending, long deadlineNanos, Duration callerWait) {
        try {
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            throw new SsoSessionException(Reason.UNAVAILABLE, "Timed out after " + DurationWords.of(callerWait)
                    + " waiting for " + this.credentialsDescription.get() + "; the fetch goes on in the background.",
                    null);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SsoSessionException(Reason.UNAVAILABLE, "Interrupted while waiting for "
                    + this.credentialsDescription.get() + ".", null);
        }
        catch (CancellationException ex) {
            throw this.closedException.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof SsoSessionException failure) {
                // a new exception, so that the caller's stack trace shows the caller
                throw new SsoSessionException(failure.reason(), failure.getMessage(), failure.getCause());
            }
            throw new SsoSessionException(Reason.UNAVAILABLE, "Could not get " + this.credentialsDescription.get()
                    + " (" + ex.getCause() + ").", ex.getCause());
        }
    }

    /**
     * Releases the callers waiting for the fetch in flight with {@code reason}, and fails every later
     * {@link #start()} with it: nobody waits for a fetch any more.
     */
    void refuse(SsoSessionException reason) {
        CompletableFuture<HeldCredentials> pending;
        synchronized (this.lock) {
            this.refusal = reason;
            pending = this.inFlight;
        }
        if (pending != null) {
            pending.completeExceptionally(reason);
        }
    }

    private void run(CompletableFuture<HeldCredentials> started) {
        HeldCredentials fresh;
        try {
            fresh = this.fetch.get();
        }
        catch (Throwable ex) {
            finish(started);
            started.completeExceptionally(ex);
            return;
        }
        finish(started);
        started.complete(fresh);
    }

    private void finish(CompletableFuture<HeldCredentials> started) {
        synchronized (this.lock) {
            if (this.inFlight == started) {
                this.inFlight = null;
            }
        }
    }
}
