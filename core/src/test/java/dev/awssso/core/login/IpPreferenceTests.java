package dev.awssso.core.login;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sign-in in a JVM that prefers IPv6, where {@code localhost} and the loopback address mean {@code ::1}. */
@Tag("isolated")
class IpPreferenceTests {

    @TempDir
    Path cacheDir;

    @Test
    void aPkceSignInCompletesInAJvmThatPrefersIpv6() throws Exception {
        assumeTrue(ipv6Loopback(), "needs the IPv6 loopback address ::1 (a container without IPv6 has none)");
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Djava.net.preferIPv6Addresses=true", "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PkceSignInChild.class.getName(), this.cacheDir.toString()));
        Path log = this.cacheDir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            String output = Files.readString(log);
            assertThat(ended).as("the child ended; its output:%n%s", output).isTrue();

            assertThat(output).as("the child prefers IPv6").contains(PkceSignInChild.LOOPBACK + "0:0:0:0:0:0:0:1");
            assertThat(output).contains(PkceSignInChild.RESULT + "SUCCEEDED 200");
            assertThat(child.exitValue()).as(output).isZero();
        }
        finally {
            child.destroyForcibly();
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
