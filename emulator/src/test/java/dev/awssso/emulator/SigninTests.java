package dev.awssso.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import software.amazon.awssdk.services.signin.model.InternalServerException;
import software.amazon.awssdk.services.signin.model.OAuth2ErrorCode;
import software.amazon.awssdk.services.signin.model.TooManyRequestsErrorException;
import software.amazon.awssdk.services.signin.model.ValidationException;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * AWS Sign-In {@code CreateOAuth2Token} through the real {@code SigninClient}, with DPoP proofs made with the JDK:
 * refresh and rotation, the credentials at STS, refused proofs, ended sessions, faults and the cache file.
 */
class SigninTests {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SdkClients clients = new SdkClients(this.emulator);

    private final SigninClient signin = SigninClient.builder().endpointOverride(this.emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();

    private final String tokenUrl = this.emulator.endpoint() + "/v1/token";

    private EmulatedLoginSession session;

    private KeyPair key;

    @BeforeEach
    void startLoginSession() throws GeneralSecurityException {
        this.session = this.emulator.startLoginSession(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        this.key = DpopProofs.keyPair(this.session.dpopKeyPem());
    }

    @AfterEach
    void close() {
        this.signin.close();
        this.clients.close();
        this.emulator.close();
    }

    @Test
    void aRefreshAnswersCredentialsOfTheLoginSessionAndRotatesTheRefreshToken() throws GeneralSecurityException {
        String first = this.session.currentRefreshToken();

        CreateOAuth2TokenResponseBody refreshed = refresh(first, proof());

        assertThat(refreshed.tokenType()).isEqualTo("aws_sigv4");
        assertThat(refreshed.expiresIn()).isEqualTo(900);
        assertThat(refreshed.accessToken().accessKeyId()).startsWith("ASIA");
        assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(first)
            .isEqualTo(this.session.currentRefreshToken());
        GetCallerIdentityResponse identity = this.clients.callerIdentity(credentials(refreshed.accessToken()));
        assertThat(identity.arn()).isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        assertThat(identity.account()).isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        assertThat(identity.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> refresh(first, proof()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(401);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            });
        assertThat(refresh(refreshed.refreshToken(), proof()).refreshToken()).isNotEqualTo(refreshed.refreshToken());
        assertThat(this.emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isEqualTo(3);
        assertThat(this.emulator.issuedSecrets()).contains(refreshed.accessToken().secretAccessKey(),
                refreshed.accessToken().sessionToken(), refreshed.refreshToken(), first, this.session.dpopKeyPem());
    }

    /**
     * {@code HttpURLConnection} gives no body for a 401 answer to a streamed {@code POST}, so the url-connection
     * client of the SDK cannot read {@code error} of this answer; the wire holds it.
     */
    @Test
    void aUsedRefreshTokenIsTokenExpiredOnTheWire() throws GeneralSecurityException, IOException, InterruptedException {
        String used = this.session.currentRefreshToken();
        refresh(used, proof());
        HttpRequest request = HttpRequest.newBuilder(URI.create(this.tokenUrl)).header("DPoP", proof())
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"clientId\":\"" + IdentityCenterEmulator.LOGIN_CLIENT_ID
                    + "\",\"grantType\":\"refresh_token\",\"refreshToken\":\"" + used + "\"}"))
            .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        assertThat(JsonNodeParser.create().parse(response.body()).field("error").map(JsonNode::asString))
            .hasValue("TOKEN_EXPIRED");
    }

    @Test
    void loginCredentialsAssumeARoleTrustingTheLoginSession() throws GeneralSecurityException {
        AwsSessionCredentials credentials = credentials(
                refresh(this.session.currentRefreshToken(), proof()).accessToken());
        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.assumeRole(credentials,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app")))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage())
                .startsWith("User: " + IdentityCenterEmulator.DEFAULT_LOGIN_SESSION + " is not authorized"));

        this.emulator.allowAssumeRole(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION, DEPLOYER);
        AssumeRoleResponse assumed = this.clients.assumeRole(credentials,
                (request) -> request.roleArn(DEPLOYER).roleSessionName("my-app").durationSeconds(7200));

        assertThat(this.clients.callerIdentity(SdkClients.sessionCredentials(assumed.credentials())).arn())
            .isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
    }

    @Test
    void theCredentialsLifetimeIsSettableAndTheCredentialsExpire() throws GeneralSecurityException {
        this.emulator.setLoginCredentialsLifetime(Duration.ofMinutes(5));

        CreateOAuth2TokenResponseBody refreshed = refresh(this.session.currentRefreshToken(), proof());

        assertThat(refreshed.expiresIn()).isEqualTo(300);
        this.clock.advance(Duration.ofMinutes(5));
        assertThatExceptionOfType(StsException.class)
            .isThrownBy(() -> this.clients.callerIdentity(credentials(refreshed.accessToken())))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
    }

    @Test
    void aProofForAnotherUrlIsRefused() throws GeneralSecurityException {
        String proof = DpopProofs.proof(this.key, "http://signin.aws.amazon.com/v1/token", this.clock.instant());

        assertInvalidRequest(proof, "htu");
        assertThat(refresh(this.session.currentRefreshToken(), proof()).refreshToken())
            .as("a refused proof leaves the refresh token usable").isNotBlank();
    }

    @Test
    void aProofForAnotherMethodIsRefused() throws GeneralSecurityException {
        assertInvalidRequest(DpopProofs.proof(this.key, this.key, "GET", this.tokenUrl, this.clock.instant(), "id-1"),
                "htm");
    }

    @Test
    void aStaleProofIsRefused() throws GeneralSecurityException {
        String proof = proof();
        this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertInvalidRequest(proof, "iat");
    }

    @Test
    void aReplayedProofIsRefused() throws GeneralSecurityException {
        String proof = proof();
        CreateOAuth2TokenResponseBody refreshed = refresh(this.session.currentRefreshToken(), proof);

        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> refresh(refreshed.refreshToken(), proof))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).contains("jti"));
    }

    @Test
    void aProofByAnotherKeyIsRefused() throws GeneralSecurityException {
        String proof = DpopProofs.proof(DpopProofs.generate(), this.tokenUrl, this.clock.instant());

        assertInvalidRequest(proof, "DPoP key does not match the refresh token");
    }

    @Test
    void aProofWithABadSignatureIsRefused() throws GeneralSecurityException {
        String proof = DpopProofs.proof(this.key, DpopProofs.generate(), "POST", this.tokenUrl, this.clock.instant(),
                "id-2");

        assertInvalidRequest(proof, "signature");
    }

    @Test
    void aRequestWithoutProofIsRefused() {
        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> this.signin.createOAuth2Token((request) -> request.tokenInput((input) -> input
                .clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                .grantType("refresh_token")
                .refreshToken(this.session.currentRefreshToken()))))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INVALID_REQUEST);
                assertThat(ex.awsErrorDetails().errorMessage()).contains("DPoP header is missing");
            });
    }

    @Test
    void anotherClientOrGrantIsRefused() throws GeneralSecurityException {
        String proof = proof();
        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> this.signin.createOAuth2Token((request) -> request
                .tokenInput((input) -> input.clientId("arn:aws:signin:::devtools/cross-device")
                    .grantType("refresh_token")
                    .refreshToken(this.session.currentRefreshToken()))
                .overrideConfiguration((config) -> config.putHeader("DPoP", proof))))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).contains("clientId"));
        String another = proof();
        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> this.signin.createOAuth2Token((request) -> request
                .tokenInput((input) -> input.clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                    .grantType("client_credentials")
                    .refreshToken(this.session.currentRefreshToken()))
                .overrideConfiguration((config) -> config.putHeader("DPoP", another))))
            .satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage())
                .contains("only authorization_code and refresh_token are emulated"));
    }

    @Test
    void theSessionEndsTwelveHoursAfterTheSignIn() throws GeneralSecurityException {
        this.clock.advance(Duration.ofHours(11).plusMinutes(59));
        String next = refresh(this.session.currentRefreshToken(), proof()).refreshToken();
        this.clock.advance(Duration.ofMinutes(1));

        // TOKEN_EXPIRED's 401, whose body the url-connection client does not read (see the test on the wire above)
        assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> refresh(next, proof()))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
    }

    @Test
    void anEndedSessionIsRefusedWithItsCode() throws GeneralSecurityException {
        this.emulator.endLoginSession(this.session, "USER_CREDENTIALS_CHANGED");

        assertThatExceptionOfType(AccessDeniedException.class)
            .isThrownBy(() -> refresh(this.session.currentRefreshToken(), proof()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.USER_CREDENTIALS_CHANGED);
            });
    }

    @Test
    void faultsAnswerInTheSigninErrorShape() throws GeneralSecurityException {
        this.emulator.injectFault(Operation.CREATE_OAUTH2_TOKEN, Fault.status(429, "TooManyRequestsError").times(1));
        this.emulator.injectFault(Operation.CREATE_OAUTH2_TOKEN, Fault.status(500, "InternalServerException").times(1));

        assertThatExceptionOfType(TooManyRequestsErrorException.class)
            .isThrownBy(() -> refresh(this.session.currentRefreshToken(), proof()))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429));
        assertThatExceptionOfType(InternalServerException.class)
            .isThrownBy(() -> refresh(this.session.currentRefreshToken(), proof()))
            .satisfies((ex) -> assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.SERVER_ERROR));
        assertThat(refresh(this.session.currentRefreshToken(), proof()).refreshToken()).isNotBlank();
        assertThat(this.emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isEqualTo(3);
    }

    @Test
    void theCacheFileHoldsCredentialsStsAcceptsAndTheCurrentRefreshToken(@TempDir Path home)
            throws IOException, GeneralSecurityException {
        Path cacheDirectory = home.resolve(".aws/login/cache");
        Instant expiresAt = Instant.parse("2099-01-01T00:15:00.250Z");

        Path file = this.session.writeCacheFile(cacheDirectory, expiresAt);

        assertThat(file.getFileName().toString()).isEqualTo(this.session.cacheFileName())
            .matches("[0-9a-f]{64}\\.json");
        Map<String, JsonNode> cache = JsonNodeParser.create().parse(Files.readString(file)).asObject();
        assertThat(cache.keySet()).containsExactly("accessToken", "tokenType", "clientId", "refreshToken", "idToken",
                "dpopKey");
        Map<String, JsonNode> accessToken = cache.get("accessToken").asObject();
        assertThat(accessToken.keySet()).containsExactly("accessKeyId", "secretAccessKey", "sessionToken",
                "accountId", "expiresAt");
        assertThat(accessToken.get("accountId").asString()).isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        assertThat(accessToken.get("expiresAt").asString()).isEqualTo("2099-01-01T00:15:00Z");
        assertThat(cache.get("tokenType").asString()).isEqualTo("aws_sigv4");
        assertThat(cache.get("clientId").asString()).isEqualTo(IdentityCenterEmulator.LOGIN_CLIENT_ID);
        assertThat(cache.get("refreshToken").asString()).isEqualTo(this.session.currentRefreshToken());
        assertThat(cache.get("idToken").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(cache.get("dpopKey").asString()).isEqualTo(this.session.dpopKeyPem())
            .startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        AwsSessionCredentials credentials = AwsSessionCredentials.create(accessToken.get("accessKeyId").asString(),
                accessToken.get("secretAccessKey").asString(), accessToken.get("sessionToken").asString());
        assertThat(this.clients.callerIdentity(credentials).arn())
            .isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        assertThat(this.emulator.issuedSecrets()).contains(credentials.secretAccessKey(),
                cache.get("idToken").asString());
        assertThat(this.session.toString()).doesNotContain(this.session.currentRefreshToken(), "PRIVATE KEY");
    }

    private String proof() throws GeneralSecurityException {
        return DpopProofs.proof(this.key, this.tokenUrl, this.clock.instant());
    }

    private CreateOAuth2TokenResponseBody refresh(String refreshToken, String proof) {
        return this.signin.createOAuth2Token((request) -> request
            .tokenInput((input) -> input.clientId(IdentityCenterEmulator.LOGIN_CLIENT_ID)
                .grantType("refresh_token")
                .refreshToken(refreshToken))
            .overrideConfiguration((config) -> config.putHeader("DPoP", proof))).tokenOutput();
    }

    private void assertInvalidRequest(String proof, String messagePart) {
        assertThatExceptionOfType(ValidationException.class)
            .isThrownBy(() -> refresh(this.session.currentRefreshToken(), proof))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo(OAuth2ErrorCode.INVALID_REQUEST);
                assertThat(ex.awsErrorDetails().errorMessage()).contains(messagePart);
            });
    }

    private static AwsSessionCredentials credentials(AccessToken accessToken) {
        return AwsSessionCredentials.create(accessToken.accessKeyId(), accessToken.secretAccessKey(),
                accessToken.sessionToken());
    }

}
