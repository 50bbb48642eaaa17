package dev.awssso.emulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emulator's own contract: endpoint, raw HTTP answers, issued secrets, settings and shutdown.
 */
class IdentityCenterEmulatorTests extends SignedInTests {

    private static final String CREDENTIALS_PATH = "/federation/credentials?account_id=1&role_name=R";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void endpointIsOnTheLoopbackInterface() {
        assertThat(this.emulator.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void successAnswersCarryARequestId() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(CREDENTIALS_PATH))
            .header("x-amz-sso_bearer_token", this.session.accessToken()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId"))
            .hasValueSatisfying((id) -> assertThat(id).isNotBlank());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void errorsCarryTheErrorTypeHeaderAndTheServiceBody() throws Exception {
        HttpResponse<String> portal = send(HttpRequest.newBuilder(uri(CREDENTIALS_PATH)));
        HttpResponse<String> oidc = send(HttpRequest.newBuilder(uri("/token"))
            .POST(BodyPublishers.ofString(
                    "{\"clientId\":\"c\",\"clientSecret\":\"s\",\"grantType\":\"refresh_token\"}")));

        assertThat(portal.statusCode()).isEqualTo(401);
        assertThat(portal.headers().firstValue("x-amzn-ErrorType")).hasValue("UnauthorizedException");
        assertThat(portal.body()).isEqualTo("{\"message\":\"Session token not found or invalid\"}");
        assertThat(oidc.statusCode()).isEqualTo(401);
        assertThat(oidc.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidClientException");
        assertThat(oidc.body())
            .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}");
    }

    @Test
    void unknownRequestsAreNotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/client/unregister"))
            .POST(BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("does not implement POST /client/unregister");
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void malformedRequestBodyIsAnInvalidRequest() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/token")).POST(BodyPublishers.ofString("{")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
    }

    @Test
    void issuedSecretsHoldEverySecretIssued() {
        CreateTokenResponse refreshed = this.clients.refresh(this.session, this.session.refreshToken());
        RoleCredentials credentials = this.clients.roleCredentials(refreshed.accessToken());

        Set<String> secrets = this.emulator.issuedSecrets();

        assertThat(secrets).contains(this.session.accessToken(), this.session.refreshToken(),
                this.session.clientSecret(), refreshed.accessToken(), refreshed.refreshToken(),
                credentials.secretAccessKey(), credentials.sessionToken());
        assertThat(secrets).doesNotContain(this.session.clientId(), credentials.accessKeyId());
    }

    @Test
    void sessionToStringShowsNoSecret() {
        String text = this.session.toString();

        assertThat(text).contains("my-sso", this.session.startUrl());
        assertThat(this.emulator.issuedSecrets()).isNotEmpty()
            .allSatisfy((secret) -> assertThat(text).doesNotContain(secret));
    }

    @Test
    void settingsRejectNonPositiveDurations() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.setTokenLifetime(Duration.ZERO));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.emulator.setCredentialsLifetime(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.setSessionDuration(Duration.ZERO));
    }

    @Test
    void endSessionRejectsASessionOfAnotherEmulator() {
        try (IdentityCenterEmulator other = IdentityCenterEmulator.start()) {
            EmulatedSession foreign = other.signIn("my-sso");

            assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.endSession(foreign));
        }
    }

    @Test
    void closeStopsPromptlyEvenWithARequestInProgress() throws Exception {
        IdentityCenterEmulator closing = IdentityCenterEmulator.start();
        closing.injectFault(Operation.LIST_ACCOUNTS, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<HttpResponse<String>> pending = this.http.sendAsync(
                HttpRequest.newBuilder(closing.endpoint().resolve("/assignment/accounts")).build(),
                BodyHandlers.ofString());
        while (closing.callCount(Operation.LIST_ACCOUNTS) == 0) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();

        closing.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the answer would come")
            .isLessThan(Duration.ofSeconds(10));
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.http.send(
                HttpRequest.newBuilder(closing.endpoint().resolve("/assignment/accounts")).build(),
                BodyHandlers.ofString()))
            .isInstanceOf(ConnectException.class);
        assertThat(pending).failsWithin(Duration.ofSeconds(10));
    }

    private URI uri(String pathAndQuery) {
        return this.emulator.endpoint().resolve(pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return this.http.send(request.build(), BodyHandlers.ofString());
    }

}
