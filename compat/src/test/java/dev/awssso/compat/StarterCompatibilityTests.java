package dev.awssso.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.boot.metrics.AwsSsoMetrics;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ClassUtils;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The installed starter in an application on the Spring Boot and Spring Cloud AWS versions of the compatibility
 * application that runs it (compat/boot-*; {@code compat.spring-cloud-aws} says whether it has Spring Cloud AWS),
 * signed in to the emulator:
 * credentials for an SDK client, the awssso health indicator, the actuator endpoint and the metrics, and a named
 * role beside the default one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StarterCompatibilityTests {

    private static final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

    private static final Path home = signedInHome();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AwsCredentialsProvider credentialsProvider;

    @Autowired
    AwsRegionProvider regionProvider;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("HOME", home::toString);
        registry.add("AWS_PROFILE", () -> "");
        registry.add("AWS_CONFIG_FILE", () -> "");
        registry.add("aws.sso.sso-session", () -> "corp");
        registry.add("aws.sso.start-url", emulator::startUrl);
        registry.add("aws.sso.sso-region", emulator::ssoRegion);
        registry.add("aws.sso.account-id", () -> "111122223333");
        registry.add("aws.sso.role-name", () -> "ReadOnly");
        registry.add("aws.sso.region", () -> "eu-west-1");
        registry.add("aws.sso.endpoint.oidc", () -> emulator.endpoint().toString());
        registry.add("aws.sso.endpoint.portal", () -> emulator.endpoint().toString());
        registry.add("aws.sso.endpoint.sts", () -> emulator.endpoint().toString());
        registry.add("management.endpoints.web.exposure.include", () -> "health,awssso");
        registry.add("management.endpoint.health.show-details", () -> "always");
        registry.add("management.endpoint.awssso.access", () -> "unrestricted");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void theStartersProvidersAreTheOnlyOnesWithOrWithoutSpringCloudAws() {
        assertThat(ClassUtils.isPresent("io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
                null)).as("Spring Cloud AWS's credentials auto-configuration is on the class path")
            .isEqualTo(Boolean.getBoolean("compat.spring-cloud-aws"));

        assertThat(this.context.getBeansOfType(AwsCredentialsProvider.class)).hasSize(1);
        assertThat(this.credentialsProvider.getClass().getName()).startsWith("dev.awssso.");
        assertThat(this.context.getBeansOfType(AwsRegionProvider.class)).hasSize(1);
        assertThat(this.regionProvider.getClass().getName()).startsWith("dev.awssso.");
        assertThat(this.regionProvider.getRegion()).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void anSdkClientCallsAwsWithTheStartersCredentials() {
        try (StsClient sts = sts(this.credentialsProvider, this.regionProvider.getRegion())) {

            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertThat(identity.account()).isEqualTo("111122223333");
            assertThat(identity.arn()).contains(":assumed-role/ReadOnly/");
        }
    }

    @Test
    void theAwsssoHealthIndicatorIsUpWhileSignedIn() {
        assertThat(this.context.getBean("awsssoHealthIndicator").getClass().getName())
            .isEqualTo(System.getProperty("compat.health-indicator"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health/awssso");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"state\":\"ACTIVE\"",
                    "\"account\":\"111122223333\"");
        });
        assertThat(get("/actuator/health").body()).contains("\"awssso\"");
    }

    @Test
    void theEndpointShowsTheSessionAndTheCallerIdentity() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String status = get("/actuator/awssso").body();
            assertThat(status).contains("\"state\":\"ACTIVE\"", "\"accountId\":\"111122223333\"");
            assertThat(status).as("instants as ISO-8601 text")
                .containsPattern("\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT");
        });

        HttpResponse<String> identity = get("/actuator/awssso/identity");

        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(identity.body()).contains("\"account\":\"111122223333\"", ":assumed-role/ReadOnly/");
    }

    @Test
    void anActionPostedBareRuns() {
        HttpResponse<String> refresh = send(HttpRequest.newBuilder(uri("/actuator/awssso/refresh"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());

        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(refresh.body()).contains("\"action\":\"refresh\"", "\"succeeded\":true");
    }

    @Test
    void theRequestGuardRefusesAWriteThatABrowserSendsForAnotherSite() {
        HttpResponse<String> refresh = send(HttpRequest.newBuilder(uri("/actuator/awssso/refresh"))
            .header("Sec-Fetch-Site", "cross-site")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());

        assertThat(refresh.statusCode()).isEqualTo(403);
        assertThat(refresh.body()).contains("another site");
    }

    @Test
    void theSessionMetricsAreBound() {
        assertThat(this.context.getBeansOfType(AwsSsoMetrics.class)).hasSize(1);
    }

    /** With a named role beside the default one: its own qualified provider and its own health. */
    @Nested
    @TestPropertySource(properties = { "aws.sso.roles.admin.account-id=111122223333",
            "aws.sso.roles.admin.role-name=AdministratorAccess" })
    class WithANamedRole {

        @LocalServerPort
        int port;

        @Autowired
        @Qualifier("admin")
        AwsCredentialsProvider admin;

        @Autowired
        AwsCredentialsProvider primary;

        @Autowired
        AwsRegionProvider region;

        @Test
        void theRoleIsInjectedByItsNameAndTheDefaultRoleStaysPrimary() {
            try (StsClient sts = sts(this.admin, this.region.getRegion())) {
                assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/AdministratorAccess/");
            }
            try (StsClient sts = sts(this.primary, this.region.getRegion())) {
                assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/ReadOnly/");
            }
        }

        @Test
        void eachRoleHasItsOwnHealthUnderAwssso() {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> role = get(this.port, "/actuator/health/awssso/admin");
                assertThat(role.statusCode()).isEqualTo(200);
                assertThat(role.body()).contains("\"status\":\"UP\"");
            });
            HttpResponse<String> health = get(this.port, "/actuator/health/awssso");
            assertThat(health.body()).contains("\"default\"", "\"admin\"");
            assertThat(get(this.port, "/actuator/awssso").body()).contains("\"roles\"", "AdministratorAccess");
        }
    }

    private HttpResponse<String> get(String path) {
        return get(this.port, path);
    }

    private URI uri(String path) {
        return uri(this.port, path);
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).build());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static StsClient sts(AwsCredentialsProvider credentials, Region region) {
        return StsClient.builder()
            .credentialsProvider(credentials)
            .region(region)
            .endpointOverride(emulator.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A private home directory whose token cache holds a sign-in to the emulator, before the application starts. */
    private static Path signedInHome() {
        try {
            Path home = Files.createTempDirectory("awssso-compat");
            emulator.signIn("corp").writeCacheFile(home.resolve(".aws/sso/cache"));
            return home;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
