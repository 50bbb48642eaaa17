package dev.awssso.autoconfigure.web;

import dev.awssso.autoconfigure.web.RequestGuard.GuardedRequest;
import org.jspecify.annotations.Nullable;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTests {

    private final RequestGuard guard = new RequestGuard();

    @Test
    void passesRequestsWithoutBrowserHeadersAsCurlSendsThem() {
        assertThat(this.guard.refusal(post("localhost:8080", null, null))).isEmpty();
        assertThat(this.guard.refusal(post("127.0.0.1:8080", null, null))).isEmpty();
        assertThat(this.guard.refusal(post("[::1]:8080", null, null))).isEmpty();
        assertThat(this.guard.refusal(post("LOCALHOST", null, null))).isEmpty();
    }

    @Test
    void passesWhatTheServersOwnPageSends() {
        assertThat(this.guard.refusal(post("localhost:8080", "http://localhost:8080", "same-origin"))).isEmpty();
        assertThat(this.guard.refusal(post("localhost:8080", null, "none"))).isEmpty();
    }

    @Test
    void refusesAWriteThatABrowserSendsForAnotherSite() {
        assertThat(this.guard.refusal(post("localhost:8080", null, "cross-site"))).get(InstanceOfAssertFactories.STRING)
            .contains("Sec-Fetch-Site");
        assertThat(this.guard.refusal(post("localhost:8080", null, "same-site"))).isPresent();
        assertThat(this.guard.refusal(post("localhost:8080", "https://evil.example", null)))
            .get(InstanceOfAssertFactories.STRING)
            .contains("Origin");
        assertThat(this.guard.refusal(post("localhost:8080", "http://localhost:9090", "same-origin"))).isPresent();
        assertThat(this.guard.refusal(post("localhost:8080", "null", null))).isPresent();
    }

    @Test
    void leavesReadsToTheBrowsersSameOriginPolicy() {
        assertThat(this.guard.refusal(
                new GuardedRequest("GET", "http", "localhost:8080", "https://evil.example", "cross-site", true)))
            .isEmpty();
    }

    @Test
    void refusesAForeignHostNameOnALoopbackConnectionForReadsToo() {
        assertThat(this.guard.refusal(new GuardedRequest("GET", "http", "evil.example:8080", null, null, true)))
            .get(InstanceOfAssertFactories.STRING)
            .contains("DNS rebinding")
            .doesNotContain("\n");
        assertThat(this.guard.refusal(new GuardedRequest("GET", "http", "localhost.evil.example", null, null, true)))
            .isPresent();
        assertThat(this.guard.refusal(new GuardedRequest("GET", "http", "[::2]:80", null, null, true))).isPresent();
    }

    @Test
    void acceptsAnyHostNameOnANetworkAddress() {
        assertThat(this.guard.refusal(new GuardedRequest("GET", "http", "app.example:8080", null, null, false)))
            .isEmpty();
        assertThat(this.guard.refusal(new GuardedRequest("POST", "https", "app.example", "https://app.example",
                "same-origin", false)))
            .isEmpty();
    }

    private static GuardedRequest post(String host, @Nullable String origin, @Nullable String fetchSite) {
        return new GuardedRequest("POST", "http", host, origin, fetchSite, true);
    }
}
