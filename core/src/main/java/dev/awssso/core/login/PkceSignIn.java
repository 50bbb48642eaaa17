package dev.awssso.core.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * The authorization code flow with PKCE, as {@code aws sso login} runs it: the user opens the authorize URL,
 * approves, and the browser brings the code back to a loopback listener; the code and the verifier are then
 * exchanged for the token.
 */
final class PkceSignIn implements PendingSignIn {

    private final SsoOidcClient oidc;

    private final ClientRegistration registration;

    private final PkceChallenge challenge;

    private final LoopbackCallback callback;

    private final LoginPrompt prompt;

    private final long deadlineNanos;

    private PkceSignIn(SsoOidcClient oidc, ClientRegistration registration, PkceChallenge challenge,
            LoopbackCallback callback, LoginPrompt prompt, long deadlineNanos) {
        this.oidc = oidc;
        this.registration = registration;
        this.challenge = challenge;
        this.callback = callback;
        this.prompt = prompt;
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts the loopback listener and builds the authorize URL of {@code oidcEndpoint}. */
    static PkceSignIn begin(SsoOidcClient oidc, URI oidcEndpoint, ClientRegistration registration, Clock clock,
            Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        PkceChallenge challenge = PkceChallenge.create();
        LoopbackCallback callback;
        try {
            callback = LoopbackCallback.start(challenge.state());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not listen on 127.0.0.1 for the sign-in answer", ex);
        }
        URI authorize = URI.create(oidcEndpoint.toString().replaceAll("/+$", "") + "/authorize"
                + "?response_type=code"
                + "&client_id=" + encode(registration.clientId())
                + "&redirect_uri=" + encode(callback.redirectUri().toString())
                + "&state=" + encode(challenge.state())
                + "&code_challenge_method=S256"
                + "&scopes=" + encode(String.join(" ", registration.scopes()))
                + "&code_challenge=" + encode(challenge.challenge()));
        LoginPrompt prompt = new LoginPrompt(LoginFlow.PKCE, authorize, null, clock.instant().plus(timeout));
        return new PkceSignIn(oidc, registration, challenge, callback, prompt, deadlineNanos);
    }

    @Override
    public LoginPrompt prompt() {
        return this.prompt;
    }

    @Override
    public CreateTokenResponse await() {
        String code;
        try {
            code = this.callback.code().get(Math.max(0, this.deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            throw new LoginFailedException("Nobody approved the sign-in before " + this.prompt.expiresAt()
                    + ". Start it again.");
        }
        catch (CancellationException ex) {
            throw new LoginFailedException("The sign-in was cancelled.");
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof LoginFailedException failed) ? failed
                    : new LoginFailedException("The sign-in answer could not be read.");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("The sign-in was cancelled.");
        }
        finally {
            this.callback.close();
        }
        return this.oidc.createToken((request) -> request.grantType(ClientRegistration.AUTHORIZATION_CODE)
            .clientId(this.registration.clientId())
            .clientSecret(this.registration.clientSecret())
            .code(code)
            .redirectUri(this.callback.redirectUri().toString())
            .codeVerifier(this.challenge.verifier()));
    }

    @Override
    public void cancel() {
        this.callback.code().cancel(false);
    }

    @Override
    public void close() {
        this.callback.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
