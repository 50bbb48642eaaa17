package dev.awssso.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Base for tests of the sign-in flows as the AWS CLI runs them, through the real SDK clients against a fresh
 * emulator with no session yet, on a clock the test moves.
 */
abstract class SignInFlowTests {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    static final String SCOPE = "sso:account:access";

    static final String REGISTERED_REDIRECT_URI = "http://127.0.0.1/oauth/callback";

    /** The redirect URI of the CLI's loopback listener: the registered one with the port it got. */
    static final String REDIRECT_URI = "http://127.0.0.1:54321/oauth/callback";

    private static final String VERIFIER_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private static final SecureRandom random = new SecureRandom();

    /** The emulator's clock, which only the test moves: lifetimes and poll intervals pass without waiting. */
    final MovableClock clock = MovableClock.startingNow();

    IdentityCenterEmulator emulator;

    SdkClients clients;

    @BeforeEach
    void startClients() {
        this.emulator = IdentityCenterEmulator.start(this.clock);
        this.clients = new SdkClients(this.emulator);
    }

    @AfterEach
    void closeClients() {
        this.clients.close();
        this.emulator.close();
    }

    /**
     * Registers as {@code aws sso login --use-device-code} does, with scopes (so refresh tokens are issued).
     */
    RegisterClientResponse registerDeviceClient() {
        return this.clients.oidc.registerClient((request) -> request.clientName("botocore-client-my-sso")
            .clientType("public")
            .scopes(SCOPE));
    }

    /**
     * Registers as {@code aws sso login} does for the PKCE flow.
     */
    RegisterClientResponse registerPkceClient(String clientName) {
        return this.clients.oidc.registerClient((request) -> request.clientName(clientName)
            .clientType("public")
            .grantTypes("authorization_code", "refresh_token")
            .redirectUris(REGISTERED_REDIRECT_URI)
            .issuerUrl(this.emulator.startUrl())
            .scopes(SCOPE));
    }

    StartDeviceAuthorizationResponse startDevice(RegisterClientResponse client) {
        return this.clients.oidc.startDeviceAuthorization((request) -> request.clientId(client.clientId())
            .clientSecret(client.clientSecret())
            .startUrl(this.emulator.startUrl()));
    }

    CreateTokenResponse pollDevice(RegisterClientResponse client, String deviceCode) {
        return this.clients.oidc.createToken((request) -> request.clientId(client.clientId())
            .clientSecret(client.clientSecret())
            .grantType(DEVICE_CODE_GRANT)
            .deviceCode(deviceCode));
    }

    CreateTokenResponse redeemCode(RegisterClientResponse client, String code, String redirectUri,
            String codeVerifier) {
        return this.clients.oidc.createToken((request) -> request.clientId(client.clientId())
            .clientSecret(client.clientSecret())
            .grantType("authorization_code")
            .code(code)
            .redirectUri(redirectUri)
            .codeVerifier(codeVerifier));
    }

    /**
     * The {@code /authorize} URL the CLI opens, with Python's {@code urlencode} encoding.
     */
    URI authorizeUrl(String clientId, String state, String codeChallenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("state", state);
        parameters.put("code_challenge_method", "S256");
        parameters.put("scopes", SCOPE);
        parameters.put("code_challenge", codeChallenge);
        return authorizeUrl(parameters);
    }

    URI authorizeUrl(Map<String, String> parameters) {
        return URI.create(this.emulator.endpoint() + "/authorize?" + formEncode(parameters));
    }

    /**
     * A code verifier as the CLI makes it: 64 characters of {@code [A-Za-z0-9-._~]}.
     */
    static String codeVerifier() {
        StringBuilder verifier = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            verifier.append(VERIFIER_ALPHABET.charAt(random.nextInt(VERIFIER_ALPHABET.length())));
        }
        return verifier.toString();
    }

    static String state() {
        return UUID.randomUUID().toString();
    }

    static String formEncode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
            .map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    }

    /**
     * The query parameters of a URI, decoded.
     */
    static Map<String, String> query(URI uri) {
        return Request.decode(uri.getRawQuery());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
