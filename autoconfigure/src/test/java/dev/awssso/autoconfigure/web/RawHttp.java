package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request exactly as written, as curl or a browser would, over a plain socket to a local port: unlike
 * {@link java.net.http.HttpClient} it sends no body or content type unless told, and any {@code Host}.
 */
final class RawHttp {

    private final InetAddress address;

    private final int port;

    RawHttp(int port) {
        this(InetAddress.getLoopbackAddress(), port);
    }

    RawHttp(InetAddress address, int port) {
        this.address = address;
        this.port = port;
    }

    /**
     * Sends a request without body.
     * @param headers header lines such as {@code "Origin: https://evil.example"}; a {@code Host} line replaces
     * the default one
     */
    Response send(String method, String path, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String header : headers) {
            hasHost |= header.regionMatches(true, 0, "Host:", 0, 5);
            request.append(header).append("\r\n");
        }
        if (!hasHost) {
            request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(this.address, this.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Response(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status code
     * @param body the body as sent (chunk sizes included when chunked)
     */
    record Response(int status, String body) {
    }
}
