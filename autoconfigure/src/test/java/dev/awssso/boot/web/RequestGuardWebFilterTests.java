package dev.awssso.boot.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux variant of the request guard: on the endpoint's paths, what a browser sends for another site and a
 * rebound host name get 403 with the reason; curl-style requests and other paths pass.
 */
class RequestGuardWebFilterTests {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 8080);

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 54321);

    private final RequestGuardWebFilter filter = new RequestGuardWebFilter(new RequestGuard(false, null),
            "/actuator/awssso");

    private final AtomicBoolean passed = new AtomicBoolean();

    private final WebFilterChain chain = (exchange) -> {
        this.passed.set(true);
        return Mono.empty();
    };

    @Test
    void aCurlStylePostPasses() {
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.post("http://localhost:8080/actuator/awssso/refresh")
            .header("Host", "localhost:8080"));

        this.filter.filter(exchange, this.chain).block();

        assertThat(this.passed).isTrue();
    }

    @Test
    void aPostThatABrowserSendsForAnotherSiteIsRefused() {
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.post("http://localhost:8080/actuator/awssso/logout")
            .header("Host", "localhost:8080")
            .header("Origin", "https://evil.example")
            .header("Sec-Fetch-Site", "cross-site"));

        this.filter.filter(exchange, this.chain).block();

        assertThat(this.passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("another site");
    }

    @Test
    void aReadThroughAReboundHostNameIsRefused() {
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.get("http://attacker.example:8080/actuator/awssso/accounts")
            .header("Host", "attacker.example:8080"));

        this.filter.filter(exchange, this.chain).block();

        assertThat(this.passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("DNS rebinding");
    }

    @Test
    void otherPathsAreLeftAlone() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("http://localhost:8080/actuator/awsssox")
            .header("Host", "localhost:8080")
            .header("Sec-Fetch-Site", "cross-site"));

        this.filter.filter(exchange, this.chain).block();

        assertThat(this.passed).isTrue();
    }

    @Test
    void matrixParametersAndEncodedCharactersDoNotSlipPastIt() {
        for (String path : new String[] { "/actuator;x=1/awssso/accounts", "/actuator/awssso;x=1/accounts",
                "/actuator/aws%73so/accounts", "//actuator/awssso/accounts" }) {
            MockServerWebExchange exchange = exchange(MockServerHttpRequest
                .method(HttpMethod.GET, URI.create("http://attacker.example:8080" + path))
                .header("Host", "attacker.example:8080"));
            this.passed.set(false);

            this.filter.filter(exchange, this.chain).block();

            assertThat(this.passed).as(path).isFalse();
            assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void aClientOfAnotherHostIsRefused() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("http://192.168.1.5:8080/actuator/awssso")
                    .header("Host", "192.168.1.5:8080")
                    .localAddress(new InetSocketAddress("192.168.1.5", 8080))
                    .remoteAddress(new InetSocketAddress("192.168.1.7", 40000)));

        this.filter.filter(exchange, this.chain).block();

        assertThat(this.passed).isFalse();
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("loopback address");
    }

    /** The request as it reaches a server on the loopback address. */
    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request.localAddress(LOOPBACK).remoteAddress(CLIENT));
    }
}
