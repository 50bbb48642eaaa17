package dev.awssso.core.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A {@link CacheChild} running in a JVM of its own: the same {@code java} binary and class path as the tests.
 * Collects what it prints; {@link #close()} kills it if it still runs.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;

    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();

    private final List<String> output = new CopyOnWriteArrayList<>();

    private final Writer input;

    private ChildJvm(Process process) {
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "child-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CacheChild.class.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits for the next line the child says (without the prefix) and returns it. */
    String next(Duration limit) {
        try {
            String line = this.said.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("The child said nothing within " + limit + "; its output:\n" + String.join("\n", this.output));
            }
            return line;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Waits until the child says {@code expected}. */
    void await(String expected, Duration limit) {
        String line = next(limit);
        if (!line.equals(expected)) {
            fail("The child said '" + line + "' instead of '" + expected + "'; its output:\n"
                    + String.join("\n", this.output));
        }
    }

    void send(String line) throws IOException {
        this.input.write(line + "\n");
        this.input.flush();
    }

    /** Kills the child as {@code kill -9} does and waits until it is gone. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly();
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            fail("The child did not die");
        }
    }

    boolean waitForExit(Duration limit) throws InterruptedException {
        return this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    String output() {
        return String.join("\n", this.output);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                this.output.add(line);
                if (line.startsWith(CacheChild.PREFIX)) {
                    this.said.add(line.substring(CacheChild.PREFIX.length()));
                }
            }
        }
        catch (IOException ex) {
            // the child is gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            kill();
        }
    }
}
