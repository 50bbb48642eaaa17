package dev.awssso.boot.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.awssso.boot.web.RequestGuard.GuardedRequest;
import dev.awssso.core.login.SocketOwners;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RequestGuardTests {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);

    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54321);

    private static final InetSocketAddress LAN_SERVER = new InetSocketAddress(lanAddress("192.168.1.5"), 8080);

    private static final InetSocketAddress LAN_CLIENT = new InetSocketAddress(lanAddress("192.168.1.7"), 40000);

    @TempDir
    Path proc;

    private final RequestGuard guard = new RequestGuard(false, null);

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
        assertThat(this.guard.refusal(post("localhost:8080", "https://localhost:8080", null)))
            .as("another scheme is another origin")
            .isPresent();
    }

    @Test
    void leavesReadsToTheBrowsersSameOriginPolicy() {
        assertThat(this.guard.refusal(get("localhost:8080", "https://evil.example", "cross-site", SERVER, CLIENT)))
            .isEmpty();
    }

    @Test
    void refusesAForeignHostNameOnALoopbackConnectionForReadsToo() {
        assertThat(this.guard.refusal(get("evil.example:8080", null, null, SERVER, CLIENT)))
            .get(InstanceOfAssertFactories.STRING)
            .contains("DNS rebinding")
            .doesNotContain("\n");
        assertThat(this.guard.refusal(get("localhost.evil.example", null, null, SERVER, CLIENT))).isPresent();
        assertThat(this.guard.refusal(get("[::2]:80", null, null, SERVER, CLIENT))).isPresent();
    }

    @Test
    void refusesClientsOfOtherHostsByDefaultWhateverTheirHost() {
        assertThat(this.guard.refusal(get("localhost:8080", null, null, LAN_SERVER, LAN_CLIENT)))
            .get(InstanceOfAssertFactories.STRING)
            .contains("only clients on this machine's loopback address", "aws.sso.web.remote-access=true");
        assertThat(this.guard.refusal(get("192.168.1.5:8080", null, null, LAN_SERVER,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000))))
            .as("a request that arrives on the LAN address is not loopback")
            .isPresent();
    }

    @Test
    void withRemoteAccessAnyHostNameOnANetworkAddressPassesWithTheSameOriginChecks() {
        RequestGuard open = new RequestGuard(true, null);
        assertThat(open.refusal(get("app.example:8080", null, null, LAN_SERVER, LAN_CLIENT))).isEmpty();
        assertThat(open.refusal(new GuardedRequest("POST", "https", "app.example", "https://app.example",
                "same-origin", LAN_SERVER, LAN_CLIENT, true))).isEmpty();
        assertThat(open.refusal(new GuardedRequest("POST", "https", "app.example", "https://evil.example", null,
                LAN_SERVER, LAN_CLIENT, true))).isPresent();
    }

    @Test
    void refusesAnotherLocalUserOnTheOwnersPathsOnly() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the table below is a little-endian machine's");
        Files.createDirectories(this.proc.resolve("net"));
        Files.writeString(this.proc.resolve("net/tcp"), "  sl local rem st q q tr when retr uid\n"
                + "   0: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001 0 3 1\n");
        Files.createSymbolicLink(this.proc.resolve("self"), Path.of("/proc/self"));
        SocketOwners owners = new SocketOwners(this.proc);
        assumeTrue(owners.currentUser().isPresent() && owners.currentUser().getAsInt() != 1001,
                "needs a user other than uid 1001 and a readable /proc/self");
        RequestGuard ownersOnly = new RequestGuard(false, owners);

        assertThat(ownersOnly.refusal(new GuardedRequest("GET", "http", "localhost:8080", null, null, SERVER, CLIENT,
                true)))
            .get(InstanceOfAssertFactories.STRING)
            .contains("only the user who runs the application", "uid 1001");
        assertThat(ownersOnly.refusal(new GuardedRequest("GET", "http", "localhost:8080", null, null, SERVER, CLIENT,
                false))).as("the public status").isEmpty();
        assertThat(ownersOnly.refusal(new GuardedRequest("GET", "http", "localhost:8080", null, null, SERVER,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), true)))
            .as("a connection the table does not list: closed, or no socket (MockMvc)")
            .isEmpty();
    }

    private static GuardedRequest post(String host, @Nullable String origin, @Nullable String fetchSite) {
        return new GuardedRequest("POST", "http", host, origin, fetchSite, SERVER, CLIENT, true);
    }

    private static GuardedRequest get(String host, @Nullable String origin, @Nullable String fetchSite,
            InetSocketAddress local, InetSocketAddress remote) {
        return new GuardedRequest("GET", "http", host, origin, fetchSite, local, remote, true);
    }

    private static InetAddress lanAddress(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
