package dev.awssso.boot.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.awssso.boot.web.RequestGuard.GuardedRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.PathContainer.PathSegment;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link RequestGuard} for a WebFlux application: on the paths of the {@code awssso} endpoint, matched as
 * WebFlux matches them (decoded, without matrix parameters), answers 403 with the guard's one-line reason to a
 * request it refuses. The endpoint's own path, its status, is not only the owner's; the paths below it are.
 */
public class RequestGuardWebFilter implements WebFilter {

    private final RequestGuard guard;

    private final List<String> path;

    /**
     * @param guard the guard
     * @param path the path of the {@code awssso} endpoint, for example {@code /actuator/awssso}
     */
    public RequestGuardWebFilter(RequestGuard guard, String path) {
        this.guard = guard;
        this.path = segments(PathContainer.parsePath(path));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> requested = segments(request.getPath().pathWithinApplication());
        boolean onEndpoint = requested.size() >= this.path.size()
                && requested.subList(0, this.path.size()).equals(this.path);
        if (!onEndpoint) {
            return chain.filter(exchange);
        }
        Optional<String> refusal = this.guard.refusal(new GuardedRequest(request.getMethod().name(),
                request.getURI().getScheme(), request.getHeaders().getFirst(HttpHeaders.HOST),
                request.getHeaders().getFirst(HttpHeaders.ORIGIN), request.getHeaders().getFirst("Sec-Fetch-Site"),
                address(request.getLocalAddress()), address(request.getRemoteAddress()),
                requested.size() > this.path.size()));
        if (refusal.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        DataBuffer body = response.bufferFactory().wrap((refusal.get() + "\n").getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    /** The decoded path segments without their matrix parameters, empty ones (a trailing slash) left out. */
    private static List<String> segments(PathContainer path) {
        return path.elements()
            .stream()
            .filter(PathSegment.class::isInstance)
            .map((element) -> ((PathSegment) element).valueToMatch())
            .filter((segment) -> !segment.isEmpty())
            .toList();
    }

    private static InetSocketAddress address(@Nullable InetSocketAddress address) {
        return (address != null) ? address : InetSocketAddress.createUnresolved("unknown", 0);
    }
}
