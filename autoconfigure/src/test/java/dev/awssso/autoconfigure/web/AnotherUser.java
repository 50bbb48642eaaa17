package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.login.SocketOwners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Requests as another user of the machine sends them: the user {@code nobody}, with bash's {@code /dev/tcp}, started
 * through {@code setpriv} by a test that runs as root (as CI does).
 */
final class AnotherUser {

    private AnotherUser() {
    }

    /** Skips the test, saying why, where another user's request cannot be sent or told apart. */
    static void assumeAvailable() {
        SocketOwners owners = SocketOwners.system();
        assumeTrue(owners.available(), "needs Linux's /proc/net/tcp");
        assumeTrue(owners.currentUser().isPresent() && owners.currentUser().getAsInt() == 0,
                "needs root to send requests as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
    }

    /** Sends a request without body to a loopback port as the user nobody; the whole answer. */
    static String send(int port, String method, String path) {
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + port + "; printf '" + method + " " + path
                + " HTTP/1.1\\r\\nHost: localhost:" + port + "\\r\\nConnection: close\\r\\n\\r\\n' >&3;"
                + " timeout 60 cat <&3";
        try {
            Process nobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", "/bin/bash", "-c", script).redirectErrorStream(true).start();
            String answer = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(nobody.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return answer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
