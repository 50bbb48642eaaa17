package dev.awssso.core.login;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 request sent to the loopback listener: its request line and {@code Host} header (other
 * headers are skipped), read within a size and a time limit, so that a client that sends slowly or not at all is
 * given up on.
 *
 * @param method the method, such as {@code GET}
 * @param path the raw path of the request target
 * @param rawQuery the raw query of the request target, or {@code null}
 * @param host the {@code Host} header, or {@code null}
 */
record LoopbackRequest(String method, String path, @Nullable String rawQuery, @Nullable String host) {

    /** The most a request head may hold: a browser's callback request is well under 4 KB. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    /**
     * Reads the head of a request from {@code socket}.
     * @param limit how long the whole head may take to arrive
     * @return the request, or {@code null} if the request line is not {@code METHOD TARGET HTTP/x}
     * @throws IOException when the client is too slow, sends too much or closes before the head ends
     */
    static @Nullable LoopbackRequest read(Socket socket, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String requestLine = null;
        String host = null;
        int size = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("The request did not arrive within " + limit);
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int next = in.read();
            if (next < 0) {
                throw new EOFException("The client closed the connection before the request ended");
            }
            if (++size > MAX_HEAD_BYTES) {
                throw new IOException("The request is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (next != '\n') {
                line.write(next);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            if (requestLine == null) {
                requestLine = text.isEmpty() ? null : text;
            }
            else if (text.isEmpty()) {
                return parse(requestLine, host);
            }
            else if (text.regionMatches(true, 0, "Host:", 0, 5)) {
                host = text.substring(5).strip();
            }
        }
    }

    private static @Nullable LoopbackRequest parse(String requestLine, @Nullable String host) {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/") || !parts[1].startsWith("/")) {
            return null;
        }
        String target = parts[1];
        int question = target.indexOf('?');
        return (question < 0) ? new LoopbackRequest(parts[0], target, null, host)
                : new LoopbackRequest(parts[0], target.substring(0, question), target.substring(question + 1), host);
    }

    @Override
    public String toString() {
        return "LoopbackRequest[" + this.method + " " + this.path + "]";
    }
}
