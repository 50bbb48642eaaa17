package dev.awssso.core.login;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.internal.ForeignText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback listener a PKCE sign-in redirects the browser to: {@code http://127.0.0.1:PORT/oauth/callback}.
 * It listens on {@code 127.0.0.1} itself, the address it advertises, whatever {@code localhost} resolves to;
 * answers {@code GET} of that exact path only (anything else gets 404 and leaves the sign-in waiting), and only
 * when addressed as {@code 127.0.0.1:PORT} (not through another host name, as a DNS-rebinding page would); takes
 * the first answer carrying the expected {@code state}; and hands the code over before thanking the browser, so a
 * browser that leaves early loses nothing. Connections are served by a few threads of its own, each request
 * within a time limit, so a connection that idles or sends slowly cannot keep the real answer out.
 */
final class LoopbackCallback implements AutoCloseable {

    static final String PATH = "/oauth/callback";

    private static final Logger logger = LoggerFactory.getLogger(LoopbackCallback.class);

    /** The address registered and advertised; never {@code ::1}, which an IPv6-preferring JVM would pick. */
    private static final byte[] LOOPBACK = { 127, 0, 0, 1 };

    private static final int THREADS = 4;

    private static final int WAITING_CONNECTIONS = 16;

    /** How long a client may take to send its request, from connecting to the end of its headers. */
    private static final Duration REQUEST_TIME_LIMIT = Duration.ofSeconds(10);

    private static final AtomicInteger threadCount = new AtomicInteger();

    private static final SocketOwners OWNERS = SocketOwners.system();

    private static final OptionalInt CURRENT_USER = OWNERS.currentUser();

    private final ServerSocket server;

    private final String expectedState;

    private final CompletableFuture<String> code = new CompletableFuture<>();

    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING_CONNECTIONS), LoopbackCallback::daemonThread);

    /** The connections whose request is still being read, closed with the listener. */
    private final Set<Socket> reading = ConcurrentHashMap.newKeySet();

    private LoopbackCallback(ServerSocket server, String expectedState) {
        this.server = server;
        this.expectedState = expectedState;
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** Starts listening on a free port of 127.0.0.1 for an answer carrying {@code expectedState}. */
    static LoopbackCallback start(String expectedState) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), 0), WAITING_CONNECTIONS);
        }
        catch (IOException ex) {
            server.close();
            throw ex;
        }
        LoopbackCallback callback = new LoopbackCallback(server, expectedState);
        daemonThread(callback::acceptConnections).start();
        return callback;
    }

    /** The redirect URI to register and send: {@code http://127.0.0.1:PORT/oauth/callback}. */
    URI redirectUri() {
        return URI.create("http://" + hostAndPort() + PATH);
    }

    private String hostAndPort() {
        return this.server.getInetAddress().getHostAddress() + ":" + this.server.getLocalPort();
    }

    /** Completes with the authorization code, or exceptionally when the answer is an error. */
    CompletableFuture<String> code() {
        return this.code;
    }

    private void acceptConnections() {
        while (!this.server.isClosed()) {
            try {
                Socket socket = this.server.accept();
                if (fromAnotherUser(socket)) {
                    // another user of the machine: never one of the workers, so a flood of theirs delays nothing
                    closeQuietly(socket);
                    continue;
                }
                this.reading.add(socket);
                try {
                    this.workers.execute(() -> serve(socket));
                }
                catch (RejectedExecutionException ex) {
                    this.reading.remove(socket);
                    closeQuietly(socket);
                }
            }
            catch (IOException ex) {
                // closed, or a connection that failed before it was accepted
            }
        }
    }

    private static boolean fromAnotherUser(Socket socket) {
        if (CURRENT_USER.isEmpty() || !(socket.getRemoteSocketAddress() instanceof InetSocketAddress client)
                || !(socket.getLocalSocketAddress() instanceof InetSocketAddress server)) {
            return false;
        }
        OptionalInt owner = OWNERS.ownerOf(client, server);
        return owner.isPresent() && owner.getAsInt() != CURRENT_USER.getAsInt();
    }

    private void serve(Socket socket) {
        try (socket) {
            LoopbackRequest request;
            try {
                request = LoopbackRequest.read(socket, REQUEST_TIME_LIMIT);
            }
            finally {
                this.reading.remove(socket);
            }
            Reply reply = (request != null) ? handle(request) : new Reply(400, "This is not an HTTP request.");
            reply.writeTo(socket.getOutputStream());
        }
        catch (IOException ex) {
            logger.debug("A connection to the sign-in listener ended early: {}", ex.getClass().getSimpleName());
        }
    }

    /** Decides on a request, delivering the code or the error of a valid answer before the reply is written. */
    private Reply handle(LoopbackRequest request) {
        if (!PATH.equals(request.path())) {
            return new Reply(404, "There is nothing here.");
        }
        if (!"GET".equals(request.method())) {
            return new Reply(405, "Only GET is answered here.");
        }
        if (!hostAndPort().equals(request.host())) {
            return new Reply(400, "This listener answers requests to " + hostAndPort() + " only.");
        }
        Map<String, String> query = query(request.rawQuery());
        String code = query.get("code");
        String error = query.get("error");
        if (!isExpectedState(query.get("state"))) {
            return new Reply(400,
                    "This sign-in answer does not belong to the sign-in that is waiting. Start the sign-in again.");
        }
        if (error != null || code == null) {
            this.code.completeExceptionally(new LoginFailedException((error != null)
                    ? "IAM Identity Center answered " + ForeignText.of(error) + ": the sign-in was not approved."
                    : "IAM Identity Center answered without an authorization code."));
            return new Reply(200, "The sign-in was not approved. You can close this window.");
        }
        this.code.complete(code);
        return new Reply(200, "Signed in. You can close this window and return to the application.");
    }

    private boolean isExpectedState(@Nullable String state) {
        return state != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                this.expectedState.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(@Nullable String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                try {
                    values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
                catch (IllegalArgumentException ex) {
                    // a malformed escape: not a value IAM Identity Center sends
                }
            }
        }
        return values;
    }

    /** Stops listening and drops the connections whose request has not arrived; replies under way finish. */
    @Override
    public void close() {
        closeQuietly(this.server);
        this.workers.shutdown();
        this.reading.forEach(LoopbackCallback::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // already closed, or reset by the client
        }
    }

    private static Thread daemonThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "aws-sso-login-callback-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** A small HTML page, the only thing the listener ever sends; the connection is closed after it. */
    private record Reply(int status, String message) {

        void writeTo(OutputStream out) throws IOException {
            byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>AWS sign-in</title></head>"
                    + "<body><p id=\"result\">" + this.message + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + this.status + " " + reason() + "\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Connection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] whole = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
            System.arraycopy(body, 0, whole, headBytes.length, body.length);
            out.write(whole);
            out.flush();
        }

        private String reason() {
            return switch (this.status) {
                case 200 -> "OK";
                case 400 -> "Bad Request";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                default -> "Error";
            };
        }
    }
}
