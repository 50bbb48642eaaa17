package dev.awssso.core.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.model.AccessToken;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponse;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponseBody;

/**
 * Refreshes an {@code aws login} session with one AWS Sign-In {@code CreateOAuth2Token} call (refresh-token grant),
 * carrying a DPoP proof signed with the session's key.
 */
public final class LoginSessionRefresher {

    /** The name of the call. */
    public static final String OPERATION = "CreateOAuth2Token";

    private final Supplier<SigninClient> client;

    private final Clock clock;

    /** @param client the Sign-In client, made by {@code SsoClients.signin}, asked for at each refresh */
    public LoginSessionRefresher(Supplier<SigninClient> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Refreshes {@code token}: new credentials, valid for the lifetime Sign-In gives counted from their arrival,
     * and the rotated refresh token; every other field is kept.
     * @throws IllegalArgumentException when the session's DPoP key cannot be read
     * @throws software.amazon.awssdk.core.exception.SdkException when the call fails or answers no credentials
     */
    public Refreshed refresh(LoginSessionToken token) {
        DpopKey key = DpopKey.fromPem(token.dpopKey());
        CreateOAuth2TokenResponse response = this.client.get().createOAuth2Token((request) -> request
            .tokenInput((input) -> input.clientId(token.clientId()).grantType("refresh_token")
                .refreshToken(token.refreshToken()))
            .overrideConfiguration((override) -> override.putExecutionAttribute(DpopProofInterceptor.KEY, key)));
        Instant arrivedAt = this.clock.instant();
        CreateOAuth2TokenResponseBody output = response.tokenOutput();
        AccessToken credentials = (output != null) ? output.accessToken() : null;
        if (output == null || credentials == null || credentials.accessKeyId() == null
                || credentials.secretAccessKey() == null || credentials.sessionToken() == null
                || output.expiresIn() == null || output.refreshToken() == null) {
            throw SdkClientException.create("AWS Sign-In answered "
                    + OPERATION + " without credentials, their lifetime or a refresh token");
        }
        return new Refreshed(token.refreshed(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), arrivedAt.plusSeconds(output.expiresIn()), output.refreshToken()),
                response.sdkHttpResponse());
    }

    /**
     * The outcome of a refresh.
     *
     * @param token the refreshed session
     * @param response the HTTP answer, for its {@code Date}
     */
    public record Refreshed(LoginSessionToken token, SdkHttpResponse response) {

        @Override
        public String toString() {
            return "Refreshed[" + this.token + "]";
        }
    }
}
