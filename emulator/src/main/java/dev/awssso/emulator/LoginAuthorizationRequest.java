package dev.awssso.emulator;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A validated AWS Sign-In authorization request of {@code aws login}'s same-device flow, as the AWS CLI sends it:
 * {@code GET /v1/authorize?response_type=code&client_id=arn:aws:signin:::devtools/same-device&state=
 * &code_challenge_method=SHA-256&scope=openid&redirect_uri=http://127.0.0.1:PORT/oauth/callback&code_challenge=}.
 * As RFC 6749 (section 4.1.2.1) has it, a bad client id or redirect URI is shown to the user, and the other
 * faults are sent back to the redirect URI.
 * @param redirectUri where to send the user back, a loopback URI
 * @param state the client's state, returned unchanged, or {@code null} if none was sent
 * @param codeChallengeMethod {@code SHA-256}, as the CLI names it, or {@code S256}, as RFC 7636 does
 * @param scope the scopes asked for, space-separated, among them {@code openid}
 * @param codeChallenge the code challenge: unpadded base64url of the SHA-256 of the verifier
 */
record LoginAuthorizationRequest(String redirectUri, @Nullable String state, String codeChallengeMethod, String scope,
        String codeChallenge) {

    /** The code challenge method the AWS CLI sends, SHA-256 in other words. */
    static final String SHA_256 = "SHA-256";

    static final String OPENID = "openid";

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * Reads and validates the request parameters.
     * @param parameters the query parameters, or the fields of the approval form
     * @throws IllegalArgumentException saying what is wrong with the client id or redirect URI, in words fit for
     *     the user
     * @throws Refused for another fault, to send back to the redirect URI
     */
    static LoginAuthorizationRequest parse(Map<String, String> parameters) {
        String clientId = parameters.get("client_id");
        if (!IdentityCenterEmulator.LOGIN_CLIENT_ID.equals(clientId)) {
            throw new IllegalArgumentException("The client_id must be " + IdentityCenterEmulator.LOGIN_CLIENT_ID
                    + ", the AWS CLI's same-device sign-in; the emulator has no other client.");
        }
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null || redirectUri.isBlank()) {
            throw new IllegalArgumentException("The redirect_uri parameter is missing.");
        }
        if (!LoopbackRedirects.isLoopback(redirectUri)) {
            throw new IllegalArgumentException("The redirect URI " + redirectUri
                    + " is not a loopback URI http://127.0.0.1:PORT/PATH.");
        }
        String state = parameters.get("state");
        if (!"code".equals(parameters.get("response_type"))) {
            throw new Refused(redirectUri, state, "unsupported_response_type", "The response_type must be code.");
        }
        String method = parameters.get("code_challenge_method");
        if (!SHA_256.equals(method) && !Pkce.S256.equals(method)) {
            throw new Refused(redirectUri, state, "invalid_request", "The code_challenge_method must be SHA-256.");
        }
        String codeChallenge = parameters.get("code_challenge");
        if (codeChallenge == null || !CHALLENGE.matcher(codeChallenge).matches()) {
            throw new Refused(redirectUri, state, "invalid_request",
                    "The code_challenge must be 43 characters of base64url.");
        }
        String scope = parameters.getOrDefault("scope", "").strip();
        if (!Arrays.asList(scope.split("\\s+")).contains(OPENID)) {
            throw new Refused(redirectUri, state, "invalid_scope", "The scope must include openid.");
        }
        return new LoginAuthorizationRequest(redirectUri, state, method, scope, codeChallenge);
    }

    /**
     * The request parameters, in the AWS CLI's order, to carry it in the hidden fields of the approval form.
     */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", IdentityCenterEmulator.LOGIN_CLIENT_ID);
        if (this.state != null) {
            parameters.put("state", this.state);
        }
        parameters.put("code_challenge_method", this.codeChallengeMethod);
        parameters.put("scope", this.scope);
        parameters.put("redirect_uri", this.redirectUri);
        parameters.put("code_challenge", this.codeChallenge);
        return parameters;
    }

    /**
     * Where to send the user after approval: {@code redirect_uri?code=...&state=...}.
     */
    URI approved(String code) {
        return AuthorizationRequest.callback(this.redirectUri, Map.of("code", code), this.state);
    }

    /**
     * Where to send the user after denial: {@code redirect_uri?error=access_denied&state=...}.
     */
    URI denied() {
        return AuthorizationRequest.callback(this.redirectUri, Map.of("error", "access_denied"), this.state);
    }

    @Override
    public String toString() {
        return "LoginAuthorizationRequest[redirectUri=" + this.redirectUri + "]";
    }

    /**
     * A fault of a request whose redirect URI is good: the user is sent back to it with {@code error},
     * {@code error_description} and {@code state}.
     */
    static final class Refused extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final URI location;

        Refused(String redirectUri, @Nullable String state, String error, String description) {
            super(description);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("error", error);
            parameters.put("error_description", description);
            this.location = AuthorizationRequest.callback(redirectUri, parameters, state);
        }

        /**
         * Where to send the user: {@code redirect_uri?error=...&error_description=...&state=...}.
         */
        URI location() {
            return this.location;
        }

    }

}
