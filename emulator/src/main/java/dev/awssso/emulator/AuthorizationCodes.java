package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The authorization codes given out on approval of a PKCE authorization request, each redeemable once within
 * five minutes by the client it was issued to.
 */
final class AuthorizationCodes {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Map<String, IssuedCode> codes = new HashMap<>();

    private final Secrets secrets;

    private final Clock clock;

    AuthorizationCodes(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Issues a code for an approved request.
     * @param userName the user who approved, who signs in when the code is redeemed
     * @return the code
     */
    synchronized String issue(AuthorizationRequest request, String userName) {
        Instant now = this.clock.instant();
        this.codes.values().removeIf((code) -> !now.isBefore(code.expiresAt));
        String code = this.secrets.authorizationCode();
        this.codes.put(code, new IssuedCode(request.client().clientId(), request.redirectUri(),
                request.codeChallenge(), userName, now.plus(LIFETIME)));
        return code;
    }

    /**
     * Redeems a code; once presented by the client it was issued to, it is used up, whether it is accepted
     * or not.
     * @return the user who approved
     * @throws ServiceError {@code InvalidGrantException} if the code is unknown, used, expired, issued to another
     *     client or for another redirect URI, or the verifier does not prove its challenge
     */
    synchronized String redeem(String clientId, String code, @Nullable String redirectUri,
            @Nullable String codeVerifier) {
        IssuedCode issued = this.codes.get(code);
        if (issued == null || !issued.clientId.equals(clientId)) {
            throw invalidGrant("Invalid authorization code provided");
        }
        this.codes.remove(code);
        if (!this.clock.instant().isBefore(issued.expiresAt)) {
            throw invalidGrant("Authorization code has expired");
        }
        if (!Objects.equals(issued.redirectUri, redirectUri)) {
            throw invalidGrant("The redirect URI does not match the one of the authorization request");
        }
        if (!Pkce.verifies(codeVerifier, issued.codeChallenge)) {
            throw invalidGrant("The code verifier does not match the code challenge");
        }
        return issued.userName;
    }

    private static ServiceError invalidGrant(String message) {
        return new ServiceError(400, "InvalidGrantException", message);
    }

    private record IssuedCode(String clientId, String redirectUri, String codeChallenge, String userName,
            Instant expiresAt) {
    }

}
