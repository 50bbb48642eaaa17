package dev.awssso.autoconfigure.web;

import java.nio.file.Path;

import dev.awssso.autoconfigure.web.RawHttp.Response;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's actions over real HTTP as curl sends them (bare {@code POST}), and what the request guard refuses:
 * writes a browser sends for another site and any request with a foreign {@code Host} on the loopback address.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.awssso.access=unrestricted")
class RequestGuardWebTests {

    private static final IdentityCenterEmulator emulator = WebTestApplication.startEmulator();

    private static final Path home = WebTestApplication.newHome();

    @LocalServerPort
    int port;

    private RawHttp http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        WebTestApplication.register(registry, emulator, home);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void signIn() {
        this.http = new RawHttp(this.port);
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));
    }

    @Test
    void runsBareActionsAsCurlPostsThem() {
        long tokenRefreshes = emulator.callCount(Operation.CREATE_TOKEN);
        Response refresh = this.http.send("POST", "/actuator/awssso/refresh");
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
        assertThat(refresh.body()).contains("\"succeeded\":true");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(tokenRefreshes + 1);

        assertThat(this.http.send("POST", "/actuator/awssso/cancel").status()).as("nothing to cancel").isEqualTo(409);
        Response logout = this.http.send("POST", "/actuator/awssso/logout", "Host: localhost:" + this.port);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.body()).contains("Signed out.");

        Response login = this.http.send("POST", "/actuator/awssso/login", "Content-Length: 0");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("LOGIN_PENDING");
        assertThat(this.http.send("POST", "/actuator/awssso/cancel").body()).contains("Sign-in cancelled.");
    }

    @Test
    void refusesWritesThatABrowserSendsForAnotherSite() {
        long tokenRefreshes = emulator.callCount(Operation.CREATE_TOKEN);
        long logouts = emulator.callCount(Operation.LOGOUT);
        Response bySite = this.http.send("POST", "/actuator/awssso/refresh", "Sec-Fetch-Site: cross-site");
        Response byOrigin = this.http.send("POST", "/actuator/awssso/logout", "Origin: https://evil.example");
        Response form = this.http.send("POST", "/actuator/awssso/logout", "Origin: null",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 0");

        assertThat(bySite.status()).isEqualTo(403);
        assertThat(bySite.body().strip()).contains("another site").doesNotContain("\n");
        assertThat(byOrigin.status()).isEqualTo(403);
        assertThat(byOrigin.body()).contains("another origin");
        assertThat(form.status()).isEqualTo(403);
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(tokenRefreshes);
        assertThat(emulator.callCount(Operation.LOGOUT)).isEqualTo(logouts);
    }

    @Test
    void passesWritesFromTheServersOwnOrigin() {
        Response own = this.http.send("POST", "/actuator/awssso/refresh", "Sec-Fetch-Site: same-origin",
                "Origin: http://127.0.0.1:" + this.port);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
    }

    @Test
    void refusesAForeignHostNameOnTheLoopbackAddressForReadsToo() {
        Response rebound = this.http.send("GET", "/actuator/awssso/accounts", "Host: evil.example:" + this.port);
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("DNS rebinding").doesNotContain("@");
        assertThat(this.http.send("GET", "/actuator/awssso", "Host: attacker.example").status()).isEqualTo(403);
        assertThat(this.http.send("GET", "/actuator/awssso", "Host: localhost:" + this.port).status())
            .isEqualTo(200);
        assertThat(this.http.send("GET", "/actuator/awssso", "Host: [::1]:" + this.port).status()).isEqualTo(200);
    }
}
