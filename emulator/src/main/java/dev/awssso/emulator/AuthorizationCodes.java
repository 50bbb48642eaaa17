package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The authorization codes given out on approval of a PKCE authorization request, each redeemable once within
 * five minutes by the client it was issued to. Each service that redeems codes has its own, with its own error
 * shapes: SSO OIDC answers every refusal with {@code InvalidGrantException}.
 */
final class AuthorizationCodes {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Map<String, IssuedCode> codes = new HashMap<>();

    private final Secrets secrets;

    private final Clock clock;

    private final Function<Refusal, ServiceError> refusals;

    /**
     * The codes of SSO OIDC, refused with {@code InvalidGrantException}.
     */
    AuthorizationCodes(Secrets secrets, Clock clock) {
        this(secrets, clock, (refusal) -> new ServiceError(400, "InvalidGrantException", refusal.message()));
    }

    /**
     * @param refusals the error a redemption is refused with, for each reason
     */
    AuthorizationCodes(Secrets secrets, Clock clock, Function<Refusal, ServiceError> refusals) {
        this.secrets = secrets;
        this.clock = clock;
        this.refusals = refusals;
    }

    /**
     * Issues a code for an approved request.
     * @param userName the user who approved, who signs in when the code is redeemed
     * @return the code
     */
    String issue(AuthorizationRequest request, String userName) {
        return issue(request.client().clientId(), request.redirectUri(), request.codeChallenge(), userName);
    }

    /**
     * Issues a code for an approved request.
     * @param clientId the client the code is for
     * @param redirectUri the redirect URI of the request, which the redemption must repeat
     * @param codeChallenge the {@code S256} code challenge, which the redemption's verifier must prove
     * @param subject who approved, who signs in when the code is redeemed
     * @return the code
     */
    synchronized String issue(String clientId, String redirectUri, String codeChallenge, String subject) {
        Instant now = this.clock.instant();
        this.codes.values().removeIf((code) -> !now.isBefore(code.expiresAt));
        String code = this.secrets.authorizationCode();
        this.codes.put(code, new IssuedCode(clientId, redirectUri, codeChallenge, subject, now.plus(LIFETIME)));
        return code;
    }

    /**
     * Redeems a code; once presented by the client it was issued to, it is used up, whether it is accepted
     * or not.
     * @return who approved
     * @throws ServiceError the error of the {@link Refusal} if the code is unknown, used, expired, issued to
     *     another client or for another redirect URI, or the verifier does not prove its challenge
     */
    synchronized String redeem(String clientId, String code, @Nullable String redirectUri,
            @Nullable String codeVerifier) {
        IssuedCode issued = this.codes.get(code);
        if (issued == null || !issued.clientId.equals(clientId)) {
            throw this.refusals.apply(Refusal.UNKNOWN);
        }
        this.codes.remove(code);
        if (!this.clock.instant().isBefore(issued.expiresAt)) {
            throw this.refusals.apply(Refusal.EXPIRED);
        }
        if (!Objects.equals(issued.redirectUri, redirectUri)) {
            throw this.refusals.apply(Refusal.REDIRECT_URI_MISMATCH);
        }
        if (!Pkce.verifies(codeVerifier, issued.codeChallenge)) {
            throw this.refusals.apply(Refusal.VERIFIER_MISMATCH);
        }
        return issued.subject;
    }

    /**
     * Why a redemption is refused, with the message sent.
     */
    enum Refusal {

        /** The code is unknown, used, or issued to another client. */
        UNKNOWN("Invalid authorization code provided"),

        /** The code outlived its five minutes. */
        EXPIRED("Authorization code has expired"),

        /** The redirect URI is not the one of the authorization request. */
        REDIRECT_URI_MISMATCH("The redirect URI does not match the one of the authorization request"),

        /** The code verifier does not prove the code challenge. */
        VERIFIER_MISMATCH("The code verifier does not match the code challenge");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        String message() {
            return this.message;
        }

    }

    private record IssuedCode(String clientId, String redirectUri, String codeChallenge, String subject,
            Instant expiresAt) {
    }

}
