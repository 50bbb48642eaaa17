package dev.awssso.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the emulator, fully read. {@link #toString()} shows only the method and path, since
 * headers and body carry secrets.
 * @param requestId the id sent back in {@code x-amzn-RequestId}
 * @param method HTTP method
 * @param path decoded path
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query string as sent, still percent-encoded, or {@code null} for none
 * @param query decoded query parameters (first value of each)
 * @param headers request headers
 * @param body raw body
 * @param form decoded parameters of a {@code application/x-www-form-urlencoded} body, else empty
 */
record Request(String requestId, String method, String path, String rawPath, @Nullable String rawQuery,
        Map<String, String> query, Headers headers, byte[] body, Map<String, String> form) {

    static Request read(HttpExchange exchange, String requestId) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Headers headers = exchange.getRequestHeaders();
        String contentType = headers.getFirst("Content-Type");
        boolean isForm = contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
        URI uri = exchange.getRequestURI();
        return new Request(requestId, exchange.getRequestMethod(), uri.getPath(), uri.getRawPath(), uri.getRawQuery(),
                decode(uri.getRawQuery()), headers, body,
                isForm ? decode(new String(body, StandardCharsets.UTF_8)) : Map.of());
    }

    boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    @Nullable String header(String name) {
        return this.headers.getFirst(name);
    }

    @Nullable String queryParameter(String name) {
        return this.query.get(name);
    }

    @Override
    public String toString() {
        return "Request[" + this.method + " " + this.path + "]";
    }

    /**
     * The parameters of a query string or form body, decoded; the first value of each.
     */
    static Map<String, String> decode(@Nullable String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = (equals >= 0) ? pair.substring(0, equals) : pair;
            String value = (equals >= 0) ? pair.substring(equals + 1) : "";
            parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

}
