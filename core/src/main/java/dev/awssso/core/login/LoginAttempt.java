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

    /** Stops waiting for the user; the attempt ends as {@link State#CANCELLED}. */
    public void cancel() {
        if (this.state == State.PENDING) {
            this.state = State.CANCELLED;
            this.signIn.cancel();
        }
    }

    void succeeded() {
        this.state = State.SUCCEEDED;
        this.completion.complete(null);
    }

    void failed(String reason) {
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
