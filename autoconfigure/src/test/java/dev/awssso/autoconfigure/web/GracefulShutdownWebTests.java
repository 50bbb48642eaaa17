package dev.awssso.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.awssso.core.SsoSessionException;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a web application, with the web server's graceful shutdown, while a request waits for credentials that a
 * slow {@code GetRoleCredentials} has not delivered: the request is answered at once with the error that the
 * application is stopping, so the graceful shutdown, which waits for its requests, does not wait for AWS.
 */
class GracefulShutdownWebTests {

    /** Far longer than the bound the test allows, so that only releasing the request can pass it. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(60);

    private final IdentityCenterEmulator emulator = WebTestApplication.startEmulator();

    private final Path home = WebTestApplication.newHome();

    @AfterEach
    void stopEmulator() {
        this.emulator.close();
    }

    @Test
    void aRequestWaitingForCredentialsIsAnsweredAtOnceWhenTheApplicationStops() throws Exception {
        this.emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(this.home));
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(SLOW_ANSWER));
        Map<String, String> properties = new LinkedHashMap<>(WebTestApplication.properties(this.emulator, this.home));
        properties.putAll(Map.of("server.port", "0", "server.shutdown", "graceful",
                "spring.lifecycle.timeout-per-shutdown-phase", "30s", "aws.sso.timeouts.read", "90s",
                "aws.sso.timeouts.call", "90s", "aws.sso.timeouts.caller-wait", "90s"));
        // as command-line arguments, which win over the environment's HOME
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebTestApplication.class,
                CredentialsController.class)
            .run(properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        CompletableFuture<HttpResponse<String>> request = HttpClient.newHttpClient()
            .sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        long closing = System.nanoTime();
        context.close();

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("time to stop the application")
            .isLessThan(Duration.ofSeconds(10));
        assertThat(request).succeedsWithin(Duration.ofSeconds(10))
            .extracting(HttpResponse::body)
            .asString()
            .contains("The application is stopping");
    }

    /** A request that needs credentials, answering with why it got none. */
    @RestController
    static class CredentialsController {

        private final AwsCredentialsProvider credentials;

        CredentialsController(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
        }

        @GetMapping("/credentials")
        String credentials() {
            try {
                return "served " + this.credentials.resolveCredentials().accessKeyId().substring(0, 4);
            }
            catch (SsoSessionException ex) {
                return ex.getMessage();
            }
        }
    }
}
