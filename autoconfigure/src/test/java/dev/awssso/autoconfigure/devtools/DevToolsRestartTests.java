package dev.awssso.autoconfigure.devtools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DevTools restarts, driven for real by its {@code Restarter} in a JVM of its own ({@link RestartedApplication}):
 * every restart closes the engine of the last start with its threads and connections, fetches role credentials
 * once, and signs in nobody.
 */
@Tag("isolated")
@ExtendWith(IdentityCenterEmulatorExtension.class)
class DevToolsRestartTests {

    /** Threads and descriptors that may come and go between starts (the JDK's own, a connection being closed). */
    private static final int SLACK = 3;

    @TempDir
    Path home;

    @Test
    void restartsLeaveNoThreadOrFileDescriptorBehindAndFetchCredentialsOnceEach(IdentityCenterEmulator emulator)
            throws Exception {
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));

        List<String> output = runChild("--HOME=" + this.home, "--AWS_PROFILE=", "--AWS_CONFIG_FILE=",
                "--aws.sso.sso-session=corp", "--aws.sso.start-url=" + emulator.startUrl(),
                "--aws.sso.sso-region=" + emulator.ssoRegion(), "--aws.sso.account-id=111122223333",
                "--aws.sso.role-name=ReadOnly", "--aws.sso.endpoint.oidc=" + emulator.endpoint(),
                "--aws.sso.endpoint.portal=" + emulator.endpoint());

        assertThat(output).as("the child's output").contains("DONE");
        List<long[]> stats = output.stream()
            .filter((line) -> line.startsWith("STATS "))
            .map((line) -> Arrays.stream(line.substring(6).split(" ")).mapToLong(Long::parseLong).toArray())
            .toList();
        assertThat(stats).hasSize(RestartedApplication.RESTARTS + 1);
        long[] settled = stats.get(1);
        for (long[] start : stats.subList(2, stats.size())) {
            assertThat(start[1]).as("engine threads at start %d (at start 2: %d)", start[0], settled[1])
                .isLessThanOrEqualTo(settled[1]);
            assertThat(start[2]).as("threads at start %d (at start 2: %d)", start[0], settled[2])
                .isLessThanOrEqualTo(settled[2] + SLACK);
            assertThat(start[3]).as("file descriptors at start %d (at start 2: %d)", start[0], settled[3])
                .isLessThanOrEqualTo(settled[3] + SLACK);
        }
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("one fetch per start")
            .isEqualTo(RestartedApplication.RESTARTS + 1);
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("no token refresh, no sign-in").isZero();
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).as("no sign-in").isZero();
    }

    private static List<String> runChild(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + args[0].substring("--HOME=".length()), "-cp", System.getProperty("java.class.path"),
                RestartedApplication.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(output::add);
            }
            catch (IOException ex) {
                output.add(ex.toString());
            }
        });
        try {
            assertThat(child.waitFor(4, TimeUnit.MINUTES)).as("the child ended").isTrue();
            reading.join();
            assertThat(child.exitValue()).as("exit status; output:%n%s", String.join("\n", output)).isZero();
            return output;
        }
        finally {
            child.destroyForcibly();
        }
    }
}
