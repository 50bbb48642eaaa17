package dev.awssso.autoconfigure.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

import dev.awssso.autoconfigure.web.RawHttp.Response;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The doors of the endpoint on a separate management server that listens on every interface: other hosts, a
 * rebound host name and other local users are refused there exactly as on the application's server, and the
 * owner's bare {@code curl -X POST} works.
 */
@EmulatedWebTest
@TestPropertySource(properties = { "management.server.port=0", "management.endpoint.awssso.access=unrestricted" })
class DoorsWebTests {

    @Autowired
    IdentityCenterEmulator emulator;

    @Autowired
    SsoEngine engine;

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int serverPort;

    @BeforeEach
    void signIn() {
        this.emulator.signIn(WebTestApplication.SESSION)
            .writeCacheFile(this.engine.tokens().cacheFile().path().getParent());
    }

    @Test
    void theOwnersBareCurlWorksOnTheManagementPort() {
        Response refresh = new RawHttp(this.managementPort).send("POST", "/actuator/awssso/refresh");
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
        assertThat(refresh.body()).contains("\"succeeded\":true");
        assertThat(new RawHttp(this.managementPort).send("GET", "/actuator/awssso/accounts").status()).isEqualTo(200);
    }

    @Test
    void aReboundHostNameIsRefusedOnTheManagementPort() {
        Response accounts = new RawHttp(this.managementPort).send("GET", "/actuator/awssso/accounts",
                "Host: attacker.example:" + this.managementPort);
        assertThat(accounts.status()).isEqualTo(403);
        assertThat(accounts.body()).contains("DNS rebinding");
        Response logout = new RawHttp(this.managementPort).send("POST", "/actuator/awssso/logout",
                "Host: attacker.example:" + this.managementPort);
        assertThat(logout.status()).isEqualTo(403);
    }

    @Test
    void aClientOnTheMachinesOwnLanAddressIsRefusedWhateverItsHost() {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "needs a network interface with an IPv4 address other than loopback");
        Response status = new RawHttp(lan.get(), this.managementPort).send("GET", "/actuator/awssso",
                "Host: localhost:" + this.managementPort);
        assertThat(status.status()).isEqualTo(403);
        assertThat(status.body()).contains("only clients on this machine's loopback address");
        Response health = new RawHttp(lan.get(), this.managementPort).send("GET", "/actuator/health");
        assertThat(health.status()).as("load balancers still probe the health").isEqualTo(200);
    }

    @Test
    void anotherLocalUserIsRefusedTheAccountsAndActionsOnTheManagementPortButMayReadTheStatus() {
        AnotherUser.assumeAvailable();
        assertThat(AnotherUser.send(this.managementPort, "GET", "/actuator/awssso/accounts"))
            .startsWith("HTTP/1.1 403")
            .contains("only the user who runs the application");
        assertThat(AnotherUser.send(this.managementPort, "POST", "/actuator/awssso/logout")).startsWith("HTTP/1.1 403");
        assertThat(AnotherUser.send(this.managementPort, "GET", "/actuator/awssso")).startsWith("HTTP/1.1 200");
    }

    private static Optional<InetAddress> lanAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                .filter(DoorsWebTests::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
        }
        catch (SocketException ex) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        }
        catch (SocketException ex) {
            return false;
        }
    }
}
