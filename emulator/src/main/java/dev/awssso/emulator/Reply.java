package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer of the emulator. {@link #toString()} leaves out the body, which may carry secrets.
 * @param status HTTP status
 * @param contentType value of {@code Content-Type}
 * @param body the body, possibly empty
 * @param errorType value of {@code x-amzn-ErrorType}, or {@code null} for none
 */
record Reply(int status, String contentType, byte[] body, @Nullable String errorType) {

    static final String JSON = "application/json";

    static final String XML = "text/xml";

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body, null);
    }

    static Reply xml(String body) {
        return new Reply(200, XML, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static Reply empty() {
        return new Reply(200, JSON, new byte[0], null);
    }

    @Override
    public String toString() {
        return "Reply[status=" + this.status + ", errorType=" + this.errorType + "]";
    }

}
