package dev.awssso.core.login;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The loopback listener a PKCE sign-in redirects the browser to: {@code http://127.0.0.1:PORT/oauth/callback}.
 * It takes one answer, checks its {@code state}, thanks the user, and closes.
 */
final class LoopbackCallback implements AutoCloseable {

    static final String PATH = "/oauth/callback";

    private final HttpServer server;

    private final String expectedState;

    private final CompletableFuture<String> code = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server, String expectedState) {
        this.server = server;
        this.expectedState = expectedState;
    }

    /** Starts listening on a free port of 127.0.0.1 for an answer carrying {@code expectedState}. */
    static LoopbackCallback start(String expectedState) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackCallback callback = new LoopbackCallback(server, expectedState);
        server.createContext(PATH, callback::handle);
        server.start();
        return callback;
    }

    /** The redirect URI to register and send: {@code http://127.0.0.1:PORT/oauth/callback}. */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + PATH);
    }

    /** Completes with the authorization code, or exceptionally when the answer is an error or forged. */
    CompletableFuture<String> code() {
        return this.code;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String code = query.get("code");
        String error = query.get("error");
        if (!this.expectedState.equals(query.get("state"))) {
            respond(exchange, 400,
                    "This sign-in answer does not belong to the sign-in that is waiting. Start the sign-in again.");
        }
        else if (error != null || code == null) {
            respond(exchange, 200, "The sign-in was not approved. You can close this window.");
            this.code.completeExceptionally(new LoginFailedException((error != null)
                    ? "IAM Identity Center answered " + error + ": the sign-in was not approved."
                    : "IAM Identity Center answered without an authorization code."));
        }
        else {
            respond(exchange, 200, "Signed in. You can close this window and return to the application.");
            this.code.complete(code);
        }
    }

    /** Answers the browser before the sign-in moves on (and closes this listener). */
    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>AWS sign-in</title></head>"
                + "<body><p id=\"result\">" + message + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(@Nullable String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
