package dev.awssso.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.model.AccessDeniedException;
import software.amazon.awssdk.services.signin.model.AccessToken;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponseBody;
import software.amazon.awssdk.services.signin.model.OAuth2ErrorCode;
import software.amazon.awssdk.services.signin.model.ValidationException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The same-device sign-in of {@code aws login} as the AWS CLI runs it: the browser's {@code /v1/authorize} page
 * over real HTTP with the JDK client (which follows no redirect, so the loopback listener is never called and the
 * {@code Location} is read), then {@code CreateOAuth2Token} through the real {@code SigninClient} with DPoP proofs
 * made with the JDK.
 */
class AwsLoginFlowTests {

    private static final String PRINCIPAL = "arn:aws:iam::444455556666:user/alice";

    /** The redirect URI of the CLI's loopback listener, with the port it got; nothing listens there. */
    private static final String REDIRECT_URI = "http://127.0.0.1:54321/oauth/callback";

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SdkClients clients = new SdkClients(this.emulator);

    private final SigninClient signin = SigninClient.builder().endpointOverride(this.emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String tokenUrl = this.emulator.endpoint() + "/v1/token";

    private final String verifier = SignInFlowTests.codeVerifier();

    private final String state = UUID.randomUUID().toString();

    private KeyPair key;

    @BeforeEach
    void makeKey() throws GeneralSecurityException {
        this.key = DpopProofs.generate();
    }

    @AfterEach
    void close() {
        this.signin.close();
        this.clients.close();
        this.emulator.close();
    }

    @Test
    void theBrowserSignInAndTheCodeExchangeStartASessionOfTheChosenPrincipalThatRefreshesWithTheSameKey()
            throws Exception {
        this.emulator.setLoginSessionArn(PRINCIPAL);

        HttpResponse<String> page = get(authorizeUrl(cliParameters()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("AWS CLI", PRINCIPAL, "openid",
                "<form method=\"post\" action=\"/v1/authorize\">", "id=\"allow\"", "id=\"deny\"");
        Map<String, String> form = SignInPageTests.hiddenFields(page.body());
        assertThat(form).containsExactlyEntriesOf(cliParameters());
        form.put("decision", "allow");
        HttpResponse<String> answer = post(form);

        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?code=");
        Map<String, String> callback = SignInFlowTests.query(location);
        assertThat(callback).containsOnlyKeys("code", "state").containsEntry("state", this.state);

        CreateOAuth2TokenResponseBody tokens = redeem(callback.get("code"), REDIRECT_URI, this.verifier);

        assertThat(tokens.tokenType()).isEqualTo("aws_sigv4");
        assertThat(tokens.expiresIn()).isEqualTo(900);
        assertThat(tokens.accessToken().accessKeyId()).startsWith("ASIA");
        assertThat(tokens.refreshToken()).isNotBlank();
        Map<String, JsonNode> claims = claims(tokens.idToken());
        assertThat(claims.get("sub").asString()).isEqualTo(PRINCIPAL);
        assertThat(claims.get("aud").asString()).isEqualTo(IdentityCenterEmulator.LOGIN_CLIENT_ID);
        assertThat(Long.parseLong(claims.get("iat").asNumber())).isEqualTo(this.clock.instant().getEpochSecond());
        GetCallerIdentityResponse identity = this.clients.callerIdentity(credentials(tokens.accessToken()));
        assertThat(identity.arn()).isEqualTo(PRINCIPAL);
        assertThat(identity.account()).isEqualTo("444455556666");

        EmulatedLoginSession session = this.emulator.latestLoginSession();
        assertThat(this.emulator.loginSessions()).containsExactly(session);
        assertThat(session.loginSession()).isEqualTo(PRINCIPAL);
        assertThat(session.accountId()).isEqualTo("444455556666");
        assertThat(session.currentRefreshToken()).isEqualTo(tokens.refreshToken());
        assertThat(session.idToken()).isEqualTo(tokens.idToken());
        assertThat(session.dpopKeyThumbprint()).isEqualTo(DpopKeys.thumbprint((ECPublicKey) this.key.getPublic()));
        assertThatIllegalStateException().isThrownBy(session::dpopKeyPem);
        assertThatIllegalStateException()
            .isThrownBy(() -> session.writeCacheFile(Path.of("never-written"), Instant.EPOCH));

        CreateOAuth2TokenResponseBody refreshed = refresh(tokens.refreshToken(), this.key);

        assertThat(refreshed.refreshToken()).isNotEqualTo(tokens.refreshToken())
            .isEqualTo(session.currentRefreshToken());
        assertThat(refreshed.idToken()).isNull();
        assertThat(this.clients.callerIdentity(credentials(refreshed.accessToken())).arn()).isEqualTo(PRINCIPAL);
        assertThat(this.emulator.callCount(Operation.LOGIN_AUTHORIZE)).isEqualTo(2);
        assertThat(this.emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isEqualTo(2);
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isZero();
        assertThat(this.emulator.issuedSecrets()).contains(callback.get("code"), tokens.idToken(),
                tokens.refreshToken(), tokens.accessToken().secretAccessKey(), refreshed.refreshToken());
    }

    @Test
    void theCodeChallengeAsTheCliComputesItIsTheS256Challenge() {
        byte[] digest = sha256(this.verifier);
        String padded = Base64.getUrlEncoder().encodeToString(digest);

        assertThat(padded).hasSize(44).endsWith("=");
        assertThat(padded.substring(0, 43)).isEqualTo(Pkce.challenge(this.verifier));
    }

    @Test
    void aCodeIsRedeemedOnce() {
        String code = approvedCode();
        redeem(code, REDIRECT_URI, this.verifier);

        assertInvalidGrant(() -> redeem(code, REDIRECT_URI, this.verifier), "Invalid authorization code");
        assertThat(this.emulator.loginSessions()).hasSize(1);
    }

    @Test
    void aWrongCodeVerifierIsRefusedAndUsesTheCodeUp() {
        String code = approvedCode();

        assertInvalidGrant(() -> redeem(code, REDIRECT_URI, SignInFlowTests.codeVerifier()),
                "code verifier does not match");
        assertInvalidGrant(() -> redeem(code, REDIRECT_URI, this.verifier), "Invalid authorization code");
        assertThat(this.emulator.loginSessions()).isEmpty();
    }

    @Test
    void aRedirectUriOtherThanTheAuthorizationRequestsIsRefused() {
        String code = approvedCode();

        assertInvalidGrant(() -> redeem(code, "http://127.0.0.1:54322/oauth/callback", this.verifier),
                "redirect URI does not match");
        assertThat(this.emulator.loginSessions()).isEmpty();
    }

    @Test
    void aRefreshSignedByAnotherKeyIsRefused() throws GeneralSecurityException {
        CreateOAuth2TokenResponseBody tokens = redeem(approvedCode(), REDIRECT_URI, this.verifier);

        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> refresh(tokens.refreshToken(), DpopProofs.generate()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INVALID_REQUEST);
                assertThat(ex.awsErrorDetails().errorMessage()).contains("DPoP key does not match the refresh token");
            });
        assertThat(refresh(tokens.refreshToken(), this.key).refreshToken())
            .as("a refused refresh leaves the refresh token usable").isNotBlank();
    }

    @Test
    void aRedirectUriThatIsNotLoopbackIsRefusedOnThePageWithoutARedirect() throws Exception {
        for (String redirectUri : new String[] { "https://example.com/oauth/callback",
            "http://localhost:54321/oauth/callback", "https://127.0.0.1:54321/oauth/callback",
            "http://127.0.0.1.example.com:54321/oauth/callback", "http://user@127.0.0.1:54321/oauth/callback" }) {
            Map<String, String> parameters = with("redirect_uri", redirectUri);
            HttpResponse<String> page = get(authorizeUrl(parameters));
            parameters.put("decision", "allow");
            HttpResponse<String> posted = post(parameters);

            assertThat(page.statusCode()).as(redirectUri).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("is not a loopback URI").doesNotContain("id=\"allow\"");
            assertThat(posted.statusCode()).isEqualTo(400);
            assertThat(posted.headers().firstValue("Location")).isEmpty();
            assertThatIllegalArgumentException()
                .isThrownBy(() -> this.emulator.approveLogin(authorizeUrl(with("redirect_uri", redirectUri))))
                .withMessageContaining("is not a loopback URI");
        }
        assertThat(this.emulator.issuedSecrets()).isEmpty();
    }

    @Test
    void anotherClientIdOrNoRedirectUriIsRefusedOnThePage() throws Exception {
        HttpResponse<String> crossDevice = get(authorizeUrl(with("client_id",
                "arn:aws:signin:::devtools/cross-device")));
        HttpResponse<String> noRedirect = get(authorizeUrl(with("redirect_uri", null)));

        assertThat(crossDevice.statusCode()).isEqualTo(400);
        assertThat(crossDevice.body()).contains("client_id must be arn:aws:signin:::devtools/same-device");
        assertThat(noRedirect.statusCode()).isEqualTo(400);
        assertThat(noRedirect.body()).contains("redirect_uri parameter is missing");
        assertThat(noRedirect.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void otherFaultsOfTheRequestAreSentBackToTheRedirectUri() throws Exception {
        assertSentBack(with("response_type", "token"), "unsupported_response_type", "response_type must be code");
        assertSentBack(with("code_challenge_method", "plain"), "invalid_request", "code_challenge_method");
        assertSentBack(with("code_challenge_method", null), "invalid_request", "code_challenge_method");
        assertSentBack(with("code_challenge", null), "invalid_request", "code_challenge must be 43 characters");
        assertSentBack(with("code_challenge", "short"), "invalid_request", "code_challenge must be 43 characters");
        assertSentBack(with("scope", null), "invalid_scope", "scope must include openid");
        assertSentBack(with("scope", "profile"), "invalid_scope", "scope must include openid");
        assertThat(this.emulator.issuedSecrets()).isEmpty();
    }

    @Test
    void denyingRedirectsWithAccessDenied() throws Exception {
        Map<String, String> form = SignInPageTests.hiddenFields(get(authorizeUrl(cliParameters())).body());
        form.put("decision", "deny");

        HttpResponse<String> answer = post(form);

        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
        assertThat(SignInFlowTests.query(location))
            .containsOnly(Map.entry("error", "access_denied"), Map.entry("state", this.state));
        assertThat(SignInFlowTests.query(this.emulator.denyLogin(authorizeUrl(cliParameters()))))
            .containsOnly(Map.entry("error", "access_denied"), Map.entry("state", this.state));
        assertThat(this.emulator.loginSessions()).isEmpty();
        assertThat(this.emulator.issuedSecrets()).isEmpty();
    }

    @Test
    void theRfc7636NameOfTheMethodAndAnOddStateWork() throws Exception {
        String odd = "\"><script>x</script> &=é";
        Map<String, String> parameters = with("code_challenge_method", "S256");
        parameters.put("state", odd);

        HttpResponse<String> page = get(authorizeUrl(parameters));
        URI redirect = this.emulator.approveLogin(authorizeUrl(parameters));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
        assertThat(SignInFlowTests.query(redirect)).containsEntry("state", odd);
        assertThat(redeem(SignInFlowTests.query(redirect).get("code"), REDIRECT_URI, this.verifier).idToken())
            .isNotBlank();
    }

    @Test
    void aCodeExpiresAfterFiveMinutesWithAuthcodeExpired() throws Exception {
        String code = approvedCode();
        this.clock.advance(Duration.ofMinutes(5));
        String body = "{\"clientId\":\"" + IdentityCenterEmulator.LOGIN_CLIENT_ID
                + "\",\"grantType\":\"authorization_code\",\"code\":\"" + code + "\",\"redirectUri\":\""
                + REDIRECT_URI + "\",\"codeVerifier\":\"" + this.verifier + "\"}";

        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.tokenUrl))
            .header("DPoP", proof(this.key))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body))
            .build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        assertThat(JsonNodeParser.create().parse(response.body()).field("error").map(JsonNode::asString))
            .hasValue("AUTHCODE_EXPIRED");
        assertInvalidGrant(() -> redeem(code, REDIRECT_URI, this.verifier), "Invalid authorization code");
    }

    @Test
    void aRefusedProofOrAMissingFieldLeavesTheCodeUsable() {
        String code = approvedCode();

        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> this.signin.createOAuth2Token((request) -> request.tokenInput((input) -> input
                .clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                .grantType("authorization_code")
                .code(code)
                .redirectUri(REDIRECT_URI)
                .codeVerifier(this.verifier))))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).contains("DPoP header is missing"));
        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> this.signin.createOAuth2Token((request) -> request
                .tokenInput((input) -> input.clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                    .grantType("authorization_code")
                    .code(code)
                    .redirectUri(REDIRECT_URI))
                .overrideConfiguration((config) -> config.putHeader("DPoP", proof(this.key)))))
            .satisfies((ex) -> {
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INVALID_REQUEST);
                assertThat(ex.awsErrorDetails().errorMessage()).contains("codeVerifier is required");
            });
        assertThat(redeem(code, REDIRECT_URI, this.verifier).refreshToken()).isNotBlank();
    }

    @Test
    void aFaultOfTheSignInPageIsAnHtmlPage() throws Exception {
        this.emulator.injectFault(Operation.LOGIN_AUTHORIZE, Fault.status(503, "ServiceUnavailableException").times(1));

        HttpResponse<String> unavailable = get(authorizeUrl(cliParameters()));

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(unavailable.body()).contains("Fault injected by the emulator");
        assertThat(get(authorizeUrl(cliParameters())).statusCode()).isEqualTo(200);
        assertThat(this.emulator.callCount(Operation.LOGIN_AUTHORIZE)).isEqualTo(2);
    }

    @Test
    void aSignedInSessionEndsAsAStartedOne() {
        CreateOAuth2TokenResponseBody tokens = redeem(approvedCode(), REDIRECT_URI, this.verifier);
        this.emulator.endLoginSession(this.emulator.latestLoginSession(), "INSUFFICIENT_PERMISSIONS");

        assertThatExceptionOfType(AccessDeniedException.class)
            .isThrownBy(() -> refresh(tokens.refreshToken(), this.key))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INSUFFICIENT_PERMISSIONS);
            });
    }

    @Test
    void theDefaultPrincipalAndTheListOfSessions() throws GeneralSecurityException {
        assertThatIllegalStateException().isThrownBy(this.emulator::latestLoginSession);
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.setLoginSessionArn("alice"));
        EmulatedLoginSession started = this.emulator.startLoginSession(PRINCIPAL);

        redeem(approvedCode(), REDIRECT_URI, this.verifier);

        EmulatedLoginSession signedIn = this.emulator.latestLoginSession();
        assertThat(this.emulator.loginSessions()).containsExactly(started, signedIn);
        assertThat(signedIn.loginSession()).isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        assertThat(started.dpopKeyThumbprint()).isEqualTo(
                DpopKeys.thumbprint((ECPublicKey) DpopProofs.keyPair(started.dpopKeyPem()).getPublic()));
    }

    /**
     * The parameters of the authorization URL the AWS CLI opens, in its order.
     */
    private Map<String, String> cliParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", IdentityCenterEmulator.LOGIN_CLIENT_ID);
        parameters.put("state", this.state);
        parameters.put("code_challenge_method", "SHA-256");
        parameters.put("scope", "openid");
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("code_challenge", Pkce.challenge(this.verifier));
        return parameters;
    }

    /**
     * The CLI's parameters with one changed, or removed if {@code value} is {@code null}.
     */
    private Map<String, String> with(String name, String value) {
        Map<String, String> parameters = cliParameters();
        if (value == null) {
            parameters.remove(name);
        }
        else {
            parameters.put(name, value);
        }
        return parameters;
    }

    /**
     * The {@code /v1/authorize} URL, percent-encoded as botocore does, the code challenge appended unencoded.
     */
    private URI authorizeUrl(Map<String, String> parameters) {
        Map<String, String> encoded = new LinkedHashMap<>(parameters);
        String challenge = encoded.remove("code_challenge");
        String query = encoded.entrySet().stream()
            .map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
        if (challenge != null) {
            query += "&code_challenge=" + challenge;
        }
        return URI.create(this.emulator.endpoint() + "/v1/authorize?" + query);
    }

    private String approvedCode() {
        return SignInFlowTests.query(this.emulator.approveLogin(authorizeUrl(cliParameters()))).get("code");
    }

    private void assertSentBack(Map<String, String> parameters, String error, String description)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get(authorizeUrl(parameters));

        assertThat(page.statusCode()).as(error + ": " + description).isEqualTo(302);
        URI location = URI.create(page.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?error=");
        Map<String, String> callback = SignInFlowTests.query(location);
        assertThat(callback).containsOnlyKeys("error", "error_description", "state")
            .containsEntry("error", error)
            .containsEntry("state", this.state);
        assertThat(callback.get("error_description")).contains(description);
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.approveLogin(authorizeUrl(parameters)))
            .withMessageContaining(description);
    }

    private void assertInvalidGrant(Runnable redemption, String messagePart) {
        assertThatExceptionOfType(ValidationException.class).isThrownBy(redemption::run)
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INVALID_GRANT);
                assertThat(ex.awsErrorDetails().errorMessage()).contains(messagePart);
            });
    }

    private CreateOAuth2TokenResponseBody redeem(String code, String redirectUri, String codeVerifier) {
        String proof = proof(this.key);
        return this.signin.createOAuth2Token((request) -> request
            .tokenInput((input) -> input.clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                .grantType("authorization_code")
                .code(code)
                .redirectUri(redirectUri)
                .codeVerifier(codeVerifier))
            .overrideConfiguration((config) -> config.putHeader("DPoP", proof))).tokenOutput();
    }

    private CreateOAuth2TokenResponseBody refresh(String refreshToken, KeyPair signer) {
        String proof = proof(signer);
        return this.signin.createOAuth2Token((request) -> request
            .tokenInput((input) -> input.clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                .grantType("refresh_token")
                .refreshToken(refreshToken))
            .overrideConfiguration((config) -> config.putHeader("DPoP", proof))).tokenOutput();
    }

    private String proof(KeyPair signer) {
        try {
            return DpopProofs.proof(signer, this.tokenUrl, this.clock.instant());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(this.emulator.endpoint().resolve("/v1/authorize"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(SignInFlowTests.formEncode(form)))
            .build(), BodyHandlers.ofString());
    }

    private static Map<String, JsonNode> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JsonNodeParser.create().parse(Base64.getUrlDecoder().decode(parts[1])).asObject();
    }

    private static AwsSessionCredentials credentials(AccessToken accessToken) {
        return AwsSessionCredentials.create(accessToken.accessKeyId(), accessToken.secretAccessKey(),
                accessToken.sessionToken());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
