package dev.awssso.autoconfigure.bootstrap;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.status.SessionState;

/**
 * Signs in before configuration is imported, when {@code aws.sso.login.on-startup=true} and nobody is signed in:
 * prints what the user must do (the URL, and the code of the device code flow) and waits for the sign-in, up to
 * {@code aws.sso.login.timeout}. The prompt goes to the console rather than to the log, which is not set up yet
 * while configuration is imported.
 */
final class StartupSignIn {

    /** How long past the sign-in's own time limit to wait for it to report its end. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final PrintStream console;

    StartupSignIn(PrintStream console) {
        this.console = console;
    }

    /**
     * Starts a sign-in and waits for it to end, unless the engine is signed in already. Returns whatever the
     * outcome: without a session, the import then fails with the command that signs in.
     */
    void signInIfNeeded(SsoEngine engine, AwsSsoProperties.Login login) {
        SessionState state = engine.status().state();
        if (state != SessionState.SIGNED_OUT && state != SessionState.EXPIRED) {
            return;
        }
        String session = engine.settings().describe();
        LoginAttempt attempt;
        try {
            attempt = engine.login().start(login.getFlow(), false);
        }
        catch (LoginFailedException ex) {
            this.console.println("Could not start the sign-in to IAM Identity Center for " + session + ": "
                    + ex.getMessage());
            return;
        }
        this.console.println("Configuration is imported with the IAM Identity Center credentials of " + session
                + ", and nobody is signed in. To sign in: " + attempt.prompt().instructions());
        this.console.println("Waiting up to " + DurationWords.of(login.getTimeout()) + " for the sign-in...");
        awaitEnd(attempt, login.getTimeout());
        switch (attempt.state()) {
            case SUCCEEDED -> this.console.println("Signed in to IAM Identity Center for " + session + ".");
            case PENDING -> {
                attempt.cancel();
                this.console.println("The sign-in to IAM Identity Center did not end in time.");
            }
            default -> this.console.println("The sign-in to IAM Identity Center did not complete: "
                    + attempt.failure().orElse(attempt.state().toString()));
        }
    }

    private static void awaitEnd(LoginAttempt attempt, Duration timeout) {
        try {
            attempt.completion().get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            // the attempt's state tells what happened
        }
    }

}
