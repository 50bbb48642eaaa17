package dev.awssso.sample.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the status page's API refuses, sent over a plain socket exactly as a browser on another site or a DNS
 * rebinding page would send it: cross-site actions, an empty post to sign-in, a foreign {@code Host}.
 */
@StatusPageTest
class ApiGuardTests {

    private static final String JSON = "Content-Type: application/json";

    @LocalServerPort
    private int port;

    @Test
    void anEmptyPostStartsNoSignIn() {
        assertThat(status(send("POST", "/api/sign-out", "{}", JSON))).isEqualTo(200);

        String bare = send("POST", "/api/sign-in", "");
        String emptyForm = send("POST", "/api/sign-in", "", "Content-Type: application/x-www-form-urlencoded");

        assertThat(status(bare)).isEqualTo(415);
        assertThat(status(emptyForm)).isEqualTo(415);
        assertThat(send("GET", "/api/session", "")).contains("\"SIGNED_OUT\"").doesNotContain("LOGIN_PENDING");
    }

    @Test
    void refusesActionsThatABrowserSendsForAnotherSite() {
        String bySite = send("POST", "/api/sign-in", "{}", "Sec-Fetch-Site: cross-site", JSON);
        String byOrigin = send("POST", "/api/sign-out", "{}", "Origin: https://evil.example", JSON);

        assertThat(status(bySite)).isEqualTo(403);
        assertThat(bySite).contains("another site");
        assertThat(status(byOrigin)).isEqualTo(403);
        assertThat(byOrigin).contains("another origin");
        assertThat(send("GET", "/api/session", "")).doesNotContain("LOGIN_PENDING");
    }

    @Test
    void answersTheSessionOnlyToLoopbackHostNames() {
        assertThat(status(send("GET", "/api/session", "", "Host: evil.example:" + this.port))).isEqualTo(403);
        assertThat(status(send("GET", "/api/session", "", "Host: localhost:" + this.port))).isEqualTo(200);
    }

    @Test
    void theIdentityIsAnsweredOnlyToLoopbackHostNames() {
        assertThat(status(send("GET", "/identity", "", "Host: evil.example:" + this.port))).isEqualTo(403);
    }

    @Test
    void noPageMayBeFramedByAnotherSite() {
        String page = send("GET", "/", "");
        assertThat(page).containsIgnoringCase("X-Frame-Options: DENY")
            .containsIgnoringCase("Content-Security-Policy: frame-ancestors 'none'");
        assertThat(send("GET", "/api/session", "")).containsIgnoringCase("X-Frame-Options: DENY");
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** Sends the header lines and the body as written; a {@code Host} line replaces the default one. */
    private String send(String method, String path, String body, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (Arrays.stream(headers).noneMatch((header) -> header.startsWith("Host:"))) {
            request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
        }
        request.append("Content-Length: ").append(body.length()).append("\r\n");
        request.append("Connection: close\r\n\r\n").append(body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
