package dev.awssso.core.login;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketOwnersTests {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @TempDir
    Path proc;

    @Test
    void findsTheOwnerOfTheClientSocketInTheIpv4Table() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the tables below are a little-endian machine's");
        Files.createDirectories(this.proc.resolve("net"));
        Files.writeString(this.proc.resolve("net/tcp"), HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1 1\n"
                + "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000 0 2 1\n"
                + "   2: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001 0 3 1\n");
        SocketOwners owners = new SocketOwners(this.proc);

        OptionalInt owner = owners.ownerOf(loopback(0xD431), loopback(8080));

        assertThat(owner).hasValue(1001);
        assertThat(owners.ownerOf(loopback(0xD432), loopback(8080))).isEmpty();
    }

    @Test
    void findsAnIpv4MappedClientInTheIpv6Table() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the tables below are a little-endian machine's");
        Files.createDirectories(this.proc.resolve("net"));
        Files.writeString(this.proc.resolve("net/tcp"), HEADER);
        Files.writeString(this.proc.resolve("net/tcp6"), HEADER
                + "   0: 0000000000000000FFFF00000100007F:D431 0000000000000000FFFF00000100007F:1F90 01 0:0 0:0 0"
                + "  4242 0 3 1\n"
                + "   1: 00000000000000000000000001000000:D432 00000000000000000000000001000000:1F90 01 0:0 0:0 0"
                + "  4343 0 4 1\n");
        SocketOwners owners = new SocketOwners(this.proc);

        assertThat(owners.ownerOf(loopback(0xD431), loopback(8080))).hasValue(4242);
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        assertThat(owners.ownerOf(new InetSocketAddress(ipv6Loopback, 0xD432), new InetSocketAddress(ipv6Loopback, 8080)))
            .hasValue(4343);
    }

    @Test
    void malformedLinesAreSkipped() throws IOException {
        Files.createDirectories(this.proc.resolve("net"));
        Files.writeString(this.proc.resolve("net/tcp"), HEADER + "garbage\n   0: XYZ:1 0100007F:1F90 01 a b c uid\n");
        assertThat(new SocketOwners(this.proc).ownerOf(loopback(1), loopback(8080))).isEmpty();
        assertThat(new SocketOwners(this.proc.resolve("missing")).available()).isFalse();
    }

    @Test
    void aConnectionOfThisProcessIsOwnedByItsUser() throws IOException {
        SocketOwners owners = SocketOwners.system();
        assumeTrue(owners.available(), "needs Linux's /proc/net/tcp");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            OptionalInt owner = owners.ownerOf((InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress());
            assertThat(owner).isPresent();
            assertThat(owner).isEqualTo(owners.currentUser());
        }
    }

    @Test
    void aConnectionOfAnotherUserIsOwnedByThatUser() throws Exception {
        SocketOwners owners = SocketOwners.system();
        assumeTrue(owners.available(), "needs Linux's /proc/net/tcp");
        assumeTrue(owners.currentUser().equals(OptionalInt.of(0)), "needs root to connect as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
            Process nobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; read -t 120 <&3")
                .inheritIO()
                .start();
            try (Socket accepted = server.accept()) {
                OptionalInt owner = owners.ownerOf((InetSocketAddress) accepted.getRemoteSocketAddress(),
                        (InetSocketAddress) accepted.getLocalSocketAddress());
                assertThat(owner).hasValue(65534);
            }
            finally {
                nobody.destroy();
                nobody.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
