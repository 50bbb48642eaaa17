package dev.awssso.core.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The loopback listener of a PKCE sign-in, played against by a browser and by misbehaving clients. */
class LoopbackCallbackTests {

    private static final String STATE = "expected-state";

    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LoopbackCallback callback = start();

    @AfterEach
    void close() {
        this.callback.close();
    }

    @Test
    void answersOnlyItsExactPathAndOtherRequestsDoNotEndTheSignIn() throws Exception {
        String query = "?code=the-code&state=" + STATE;
        for (String path : new String[] { "/", "/favicon.ico", "/oauth/callbackx", "/oauth/callback/",
                "/oauth/callback/x", "/oauth" }) {
            HttpResponse<String> answer = get(URI.create(base() + path + query));

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(this.callback.code()).as(path).isNotDone();
        }

        HttpResponse<String> answer = get(URI.create(base() + LoopbackCallback.PATH + query));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Signed in");
        assertThat(this.callback.code()).isCompletedWithValue("the-code");
    }

    @Test
    void anIdleOrHalfSentConnectionDoesNotStallTheRealCallback() throws Exception {
        try (Socket idle = connect(); Socket halfSent = connect()) {
            send(halfSent, "GET " + LoopbackCallback.PATH + "?code=forged&state=" + STATE + " HTTP/1.1\r\nHost: ");

            HttpResponse<String> answer = get(answer("the-code", STATE));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(this.callback.code()).isCompletedWithValue("the-code");
            assertThat(stillOpen(idle)).as("the idle connection is still held").isTrue();
            assertThat(stillOpen(halfSent)).as("the half-sent request is still held").isTrue();
        }
    }

    @Test
    void aFloodOfConnectionsOfAnotherUserDoesNotStallTheRealCallback() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to connect as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        assumeTrue(SocketOwners.system().available(), "needs Linux's /proc/net/tcp to tell users apart");
        URI redirect = this.callback.redirectUri();
        Process nobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/bin/bash", "-c", "for i in $(seq 40); do exec {fd}<>/dev/tcp/" + redirect.getHost() + "/"
                        + redirect.getPort() + "; done; echo READY; sleep 120").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(nobody.getInputStream(),
                StandardCharsets.US_ASCII))) {
            assertThat(out.readLine()).as("40 connections of the user nobody").isEqualTo("READY");

            HttpResponse<String> answer = get(answer("the-code", STATE));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(this.callback.code()).isCompletedWithValue("the-code");
        }
        finally {
            nobody.destroyForcibly();
            nobody.waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void theCodeIsDeliveredWhenTheBrowserLeavesBeforeTheAnswer() throws Exception {
        try (Socket leaving = connect()) {
            send(leaving, "GET " + LoopbackCallback.PATH + "?code=the-code&state=" + STATE + " HTTP/1.1\r\nHost: "
                    + this.callback.redirectUri().getAuthority() + "\r\n\r\n");
            // closes with a reset, so that the answer cannot be written
            leaving.setSoLinger(true, 0);
        }

        assertThat(this.callback.code().get(10, TimeUnit.SECONDS)).isEqualTo("the-code");
    }

    @Test
    void anAnswerForAnotherSignInIsRefusedAndTheSignInWaitsOn() throws Exception {
        HttpResponse<String> forged = get(answer("forged", "other"));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(this.callback.code()).isNotDone();
    }

    @Test
    void anAnswerAddressedThroughAnotherHostNameIsRefused() throws Exception {
        try (Socket rebound = connect()) {
            send(rebound, "GET " + LoopbackCallback.PATH + "?code=the-code&state=" + STATE
                    + " HTTP/1.1\r\nHost: attacker.example:" + this.callback.redirectUri().getPort() + "\r\n\r\n");

            rebound.setSoTimeout(5000);
            String answer = new String(rebound.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ");
        }
        assertThat(this.callback.code()).isNotDone();
    }

    private static LoopbackCallback start() {
        try {
            return LoopbackCallback.start(STATE);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String base() {
        URI redirect = this.callback.redirectUri();
        return "http://" + redirect.getHost() + ":" + redirect.getPort();
    }

    private URI answer(String code, String state) {
        return URI.create(this.callback.redirectUri() + "?code=" + code + "&state=" + state);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return this.browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket connect() throws IOException {
        URI redirect = this.callback.redirectUri();
        return new Socket(redirect.getHost(), redirect.getPort());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whether the listener has neither answered nor closed the connection. */
    private static boolean stillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            socket.getInputStream().read();
            return false;
        }
        catch (SocketTimeoutException ex) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
