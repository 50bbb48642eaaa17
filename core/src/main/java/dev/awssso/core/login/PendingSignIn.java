package dev.awssso.core.login;

import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/** A sign-in that has been started and waits for the user. */
interface PendingSignIn extends AutoCloseable {

    /** What the user must do. */
    LoginPrompt prompt();

    /**
     * Waits until the user has approved and the token has been issued, at most the sign-in timeout from when the
     * sign-in began (measured on the monotonic clock, so moving the wall clock neither ends nor extends it).
     * @throws LoginFailedException when the user denied, the sign-in expired, timed out or was cancelled
     */
    CreateTokenResponse await();

    /** Stops waiting; {@link #await} then fails as cancelled. */
    void cancel();

    @Override
    void close();
}
