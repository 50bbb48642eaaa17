package dev.awssso.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The installed starter in an application whose {@code AWS_PROFILE} names an {@code aws login} profile, on the
 * Spring Boot version of the compatibility application that runs it: the session's credentials for an SDK client,
 * and the awssso health indicator and endpoint showing the session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginSessionCompatibilityTests {

    private static final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

    private static final Path home = loggedInHome();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AwsCredentialsProvider credentialsProvider;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("HOME", home::toString);
        registry.add("AWS_PROFILE", () -> "dev");
        registry.add("AWS_CONFIG_FILE", () -> "");
        registry.add("AWS_LOGIN_CACHE_DIRECTORY", () -> "");
        registry.add("aws.sso.endpoint.signin", () -> emulator.endpoint().toString());
        registry.add("management.endpoints.web.exposure.include", () -> "health,awssso");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void anSdkClientCallsAwsAsTheSignedInPrincipal() {
        try (StsClient sts = StsClient.builder()
            .credentialsProvider(this.credentialsProvider)
            .region(Region.EU_WEST_1)
            .endpointOverride(emulator.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        }
        assertThat(this.context.getBeansOfType(AwsCredentialsProvider.class)).hasSize(1);
    }

    @Test
    void theHealthIndicatorAndTheEndpointShowTheSession() {
        assertThat(this.context.getBean("awsssoHealthIndicator").getClass().getName())
            .isEqualTo(System.getProperty("compat.health-indicator"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health/awssso");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"source\":\"aws login\"",
                    "\"loginSession\":\"" + IdentityCenterEmulator.DEFAULT_LOGIN_SESSION + "\"");
        });
        assertThat(get("/actuator/awssso").body()).contains("\"state\":\"ACTIVE\"", "aws login --profile dev");
    }

    private HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A private home directory with an aws login profile and its cached session, before the application starts. */
    private static Path loggedInHome() {
        try {
            Path home = Files.createTempDirectory("awssso-compat-login");
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws/config"), "[profile dev]\nlogin_session = "
                    + IdentityCenterEmulator.DEFAULT_LOGIN_SESSION + "\nregion = eu-west-1\n");
            emulator.startLoginSession(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION)
                .writeCacheFile(home.resolve(".aws/login/cache"), Instant.now().plus(Duration.ofMinutes(14)));
            return home;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
