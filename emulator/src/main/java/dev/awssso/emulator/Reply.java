package dev.awssso.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer of the emulator. {@link #toString()} leaves out the body and headers, which may carry secrets.
 * @param status HTTP status
 * @param contentType value of {@code Content-Type}
 * @param body the body, possibly empty
 * @param errorType value of {@code x-amzn-ErrorType}, or {@code null} for none
 * @param headers further response headers
 */
record Reply(int status, String contentType, byte[] body, @Nullable String errorType, Map<String, String> headers) {

    static final String JSON = "application/json";

    static final String AWS_JSON = "application/x-amz-json-1.1";

    static final String XML = "text/xml";

    static final String HTML = "text/html; charset=utf-8";

    /**
     * What every page sends: never cached (a redirect carries an authorization code), never framed, no
     * scripts, no referrer.
     */
    private static final Map<String, String> PAGE_HEADERS = Map.of("Cache-Control", "no-store",
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");

    Reply(int status, String contentType, byte[] body, @Nullable String errorType) {
        this(status, contentType, body, errorType, Map.of());
    }

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body, null);
    }

    static Reply awsJson(byte[] body) {
        return new Reply(200, AWS_JSON, body, null);
    }

    static Reply xml(String body) {
        return new Reply(200, XML, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static Reply empty() {
        return new Reply(200, JSON, new byte[0], null);
    }

    static Reply html(int status, String page) {
        return new Reply(status, HTML, page.getBytes(StandardCharsets.UTF_8), null, PAGE_HEADERS);
    }

    /**
     * A {@code 302 Found} to the location, as a page answers a form.
     */
    static Reply redirect(URI location) {
        Map<String, String> headers = new HashMap<>(PAGE_HEADERS);
        headers.put("Location", location.toString());
        return new Reply(302, HTML, new byte[0], null, Map.copyOf(headers));
    }

    @Override
    public String toString() {
        return "Reply[status=" + this.status + ", errorType=" + this.errorType + "]";
    }

}
