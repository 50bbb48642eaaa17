package dev.awssso.autoconfigure.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.awssso.autoconfigure.web.RequestGuard.GuardedRequest;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link RequestGuard} for a WebFlux application: on the paths of the {@code awssso} endpoint, answers 403
 * with the guard's one-line reason to a request it refuses.
 */
public class RequestGuardWebFilter implements WebFilter {

    private final RequestGuard guard = new RequestGuard();

    private final String path;

    /**
     * @param path the path of the {@code awssso} endpoint, for example {@code /actuator/awssso}
     */
    public RequestGuardWebFilter(String path) {
        this.path = path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!onEndpointPath(request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        Optional<String> refusal = this.guard.refusal(new GuardedRequest(request.getMethod().name(),
                request.getURI().getScheme(), request.getHeaders().getFirst(HttpHeaders.HOST),
                request.getHeaders().getFirst(HttpHeaders.ORIGIN), request.getHeaders().getFirst("Sec-Fetch-Site"),
                isLoopback(request.getLocalAddress())));
        if (refusal.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        DataBuffer body = response.bufferFactory().wrap((refusal.get() + "\n").getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    private boolean onEndpointPath(String requested) {
        return requested.equals(this.path) || requested.startsWith(this.path + "/");
    }

    private static boolean isLoopback(InetSocketAddress local) {
        return local != null && local.getAddress() != null && local.getAddress().isLoopbackAddress();
    }
}
