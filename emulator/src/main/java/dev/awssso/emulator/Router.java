package dev.awssso.emulator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * Sends each request to its operation, counting it (and how many are answered at once) and applying any injected
 * fault first. Requests no operation matches get a 404. Every answer carries the time of the emulator's clock (see
 * {@link EmulatorDateInterceptor}).
 */
final class Router implements HttpHandler {

    private static final System.Logger logger = System.getLogger(Router.class.getName());

    private final List<Route> routes;

    private final CallCounters counters;

    private final FaultInjector faults;

    private final Clock clock;

    Router(List<Route> routes, CallCounters counters, FaultInjector faults, Clock clock) {
        this.routes = List.copyOf(routes);
        this.counters = counters;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = Request.read(exchange, UUID.randomUUID().toString());
            Reply reply = reply(request);
            if (reply != null) {
                send(exchange, request.requestId(), reply);
            }
        }
        finally {
            exchange.close();
        }
    }

    /**
     * The answer to a request, or {@code null} to close the connection without one.
     */
    private @Nullable Reply reply(Request request) {
        Route route = this.routes.stream().filter((candidate) -> candidate.matcher().test(request)).findFirst()
            .orElse(null);
        if (route == null) {
            return notFound(request);
        }
        this.counters.started(route.operation());
        try {
            Fault fault = this.faults.next(route.operation(), request.queryParameter("account_id"));
            if (fault == null) {
                return answer(route, request);
            }
            return switch (fault.kind()) {
                case STATUS -> route.dialect().error(fault.httpStatus(), fault.errorType(),
                        "Fault injected by the emulator", request.requestId());
                case DELAY -> sleep(fault.delay()) ? answer(route, request) : null;
                case HOLD -> awaitRelease(fault.release()) ? answer(route, request) : null;
                case CONNECTION_RESET -> null;
                case MALFORMED_JSON -> route.dialect().truncated();
            };
        }
        finally {
            this.counters.finished(route.operation());
        }
    }

    private Reply answer(Route route, Request request) {
        try {
            return route.handler().apply(request);
        }
        catch (ServiceError error) {
            return route.dialect().error(error, request.requestId());
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "The emulator failed to answer " + request, ex);
            return route.dialect().error(500, "InternalServerException",
                    "The emulator failed: " + ex.getClass().getName(), request.requestId());
        }
    }

    private static Reply notFound(Request request) {
        String target = request.header(Route.AWS_JSON_TARGET);
        if (request.is("POST", "/") && target != null) {
            return Dialect.AWS_JSON.error(400, "UnknownOperationException",
                    "The emulator does not implement the operation " + target, request.requestId());
        }
        if (request.is("POST", "/")) {
            return Dialect.QUERY.error(404, "InvalidAction",
                    "The emulator does not implement the STS action " + request.form().getOrDefault("Action", "(none)"),
                    request.requestId());
        }
        return Dialect.PORTAL.error(404, "UnknownOperationException",
                "The emulator does not implement " + request.method() + " " + request.path(), request.requestId());
    }

    /**
     * Waits before answering.
     * @return {@code false} if interrupted because the emulator is closing
     */
    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for a held call's release.
     * @return {@code false} if interrupted because the emulator is closing
     */
    private static boolean awaitRelease(CountDownLatch release) {
        try {
            release.await();
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void send(HttpExchange exchange, String requestId, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set(EmulatorDateInterceptor.HEADER,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(this.clock.instant().atOffset(ZoneOffset.UTC)));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), (body.length > 0) ? body.length : -1);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

}
