package dev.awssso.boot.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Origin} check of the request guard as the filters apply it, with no {@code Sec-Fetch-Site} to refuse
 * the request first (browsers before 2020 and non-browser clients send none): a write whose {@code Origin} is
 * another site, or this server under the other scheme, is refused; one of the request's own scheme, host and port
 * passes. The scheme is the one the server received the request with.
 */
class RequestGuardOriginTests {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 8443);

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 54321);

    private static final String LOGOUT = "/actuator/awssso/logout";

    private final RequestGuard guard = new RequestGuard(false, null);

    @Test
    void aWebFluxWriteFromAnotherOriginIsRefused() {
        Answer answer = webFlux("http", "localhost:8443", "https://evil.example");

        assertThat(answer.passed()).isFalse();
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("another origin");
    }

    @Test
    void aWebFluxWriteFromThisServerUnderTheOtherSchemeIsRefused() {
        assertThat(webFlux("https", "localhost:8443", "http://localhost:8443").status()).as("https, Origin http")
            .isEqualTo(403);
        assertThat(webFlux("http", "localhost:8443", "https://localhost:8443").status()).as("http, Origin https")
            .isEqualTo(403);
    }

    @Test
    void aWebFluxWriteFromTheRequestsOwnOriginPasses() {
        assertThat(webFlux("https", "localhost:8443", "https://localhost:8443").passed()).as("https").isTrue();
        assertThat(webFlux("http", "localhost:8443", "http://localhost:8443").passed()).as("http").isTrue();
    }

    @Test
    void aServletWriteFromThisServerUnderTheOtherSchemeIsRefused() throws Exception {
        assertThat(servlet("https", "localhost:8443", "http://localhost:8443").status()).as("https, Origin http")
            .isEqualTo(403);
        assertThat(servlet("http", "localhost:8443", "https://localhost:8443").status()).as("http, Origin https")
            .isEqualTo(403);
        assertThat(servlet("http", "localhost:8443", "https://evil.example").body()).contains("another origin");
    }

    @Test
    void aServletWriteFromTheRequestsOwnOriginPasses() throws Exception {
        assertThat(servlet("https", "localhost:8443", "https://localhost:8443").passed()).as("https").isTrue();
        assertThat(servlet("http", "localhost:8443", "http://localhost:8443").passed()).as("http").isTrue();
    }

    /** A POST to the logout action through the WebFlux filter, received with {@code scheme}. */
    private Answer webFlux(String scheme, String host, String origin) {
        RequestGuardWebFilter filter = new RequestGuardWebFilter(this.guard, "/actuator/awssso");
        AtomicBoolean passed = new AtomicBoolean();
        WebFilterChain chain = (exchange) -> {
            passed.set(true);
            return Mono.empty();
        };
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
            .post(scheme + "://" + host + LOGOUT)
            .header("Host", host)
            .header("Origin", origin)
            .localAddress(SERVER)
            .remoteAddress(CLIENT));

        filter.filter(exchange, chain).block();

        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return new Answer(passed.get(), passed.get() ? 200 : (status != null) ? status.value() : 0,
                passed.get() ? "" : exchange.getResponse().getBodyAsString().block());
    }

    /** A POST to the logout action through the servlet filter, received with {@code scheme}. */
    private Answer servlet(String scheme, String host, String origin) throws ServletException, IOException {
        RequestGuardFilter filter = new RequestGuardFilter(this.guard, "/actuator/awssso");
        MockHttpServletRequest request = new MockHttpServletRequest("POST", LOGOUT);
        request.setScheme(scheme);
        request.setSecure("https".equals(scheme));
        request.setServerName("localhost");
        request.setServerPort(8443);
        request.addHeader("Host", host);
        request.addHeader("Origin", origin);
        request.setLocalAddr(SERVER.getAddress().getHostAddress());
        request.setLocalPort(SERVER.getPort());
        request.setRemoteAddr(CLIENT.getAddress().getHostAddress());
        request.setRemotePort(CLIENT.getPort());
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();
        FilterChain chain = (req, res) -> passed.set(true);

        filter.doFilter(request, response, chain);

        return new Answer(passed.get(), passed.get() ? 200 : response.getStatus(),
                passed.get() ? "" : response.getContentAsString());
    }

    private record Answer(boolean passed, int status, String body) {
    }
}
