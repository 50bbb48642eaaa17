package dev.awssso.core.login;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** One sign-in started from the application: what the user must do, and how it ended. */
public final class LoginAttempt {

    private final LoginPrompt prompt;

    private final PendingSignIn signIn;

    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    private volatile State state = State.PENDING;

    private volatile @Nullable String failure;

    LoginAttempt(PendingSignIn signIn) {
        this.signIn = signIn;
        this.prompt = signIn.prompt();
    }

    /** What the user must do. */
    public LoginPrompt prompt() {
        return this.prompt;
    }

    /** Where the attempt stands. */
    public State state() {
        return this.state;
    }

    /** Why the attempt failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(this.failure);
    }

    /** Completes when the attempt has ended, whichever way. */
    public CompletableFuture<Void> completion() {
        return this.completion;
    }

    /**
     * Stops waiting for the user; the attempt ends as {@link State#CANCELLED}. Once this returns, no token of
     * this attempt is stored: a token that arrives later is dropped, and a store under way is waited for.
     */
    public void cancel() {
        synchronized (this) {
            if (this.state != State.PENDING) {
                return;
            }
            this.state = State.CANCELLED;
        }
        this.signIn.cancel();
    }

    /**
     * Runs {@code store} and ends as {@link State#SUCCEEDED}, unless the attempt was cancelled first.
     * @return whether the token was stored
     */
    synchronized boolean succeedUnlessCancelled(Runnable store) {
        if (this.state != State.PENDING) {
            return false;
        }
        store.run();
        this.state = State.SUCCEEDED;
        this.completion.complete(null);
        return true;
    }

    synchronized void failed(String reason) {
        if (this.state == State.PENDING) {
            this.state = State.FAILED;
        }
        this.failure = reason;
        this.completion.complete(null);
    }

    PendingSignIn signIn() {
        return this.signIn;
    }

    /** Where an attempt stands. */
    public enum State {

        /** Waiting for the user. */
        PENDING,

        /** Signed in; the token is in the cache. */
        SUCCEEDED,

        /** Denied, expired, timed out, or the service refused. */
        FAILED,

        /** Cancelled from the application. */
        CANCELLED
    }
}
