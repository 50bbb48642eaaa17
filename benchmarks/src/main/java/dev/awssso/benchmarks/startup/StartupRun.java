package dev.awssso.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One cold start of {@link StartupProcess} in a fresh JVM with this JVM's class path, timed from launching the
 * process until it has exited: what a developer waits for, JVM start and class loading included.
 *
 * @param wallNanos from launching the process until it exited
 * @param loadedClasses classes the JVM had loaded once the context started
 * @param cpuMillis CPU time of the JVM until the context started, all threads
 */
public record StartupRun(long wallNanos, long loadedClasses, long cpuMillis) {

    private static final long LONGEST_START_SECONDS = 120;

    /**
     * Starts the application in a new JVM and waits until it has exited.
     * @param jvmOptions options of the new JVM, for example {@code -Xlog:class+load:file=...}
     * @param args the application's arguments
     */
    public static StartupRun start(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupProcess.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        long before = System.nanoTime();
        try {
            Process process = builder.start();
            String started = null;
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(StartupProcess.STARTED)) {
                        started = line;
                    }
                }
            }
            if (!process.waitFor(LONGEST_START_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The application did not exit within " + LONGEST_START_SECONDS + " s");
            }
            long wall = System.nanoTime() - before;
            if (process.exitValue() != 0 || started == null) {
                throw new IllegalStateException("The application did not start (exit code " + process.exitValue()
                        + "); run " + String.join(" ", command) + " to see why");
            }
            return new StartupRun(wall, field(started, "classes"), field(started, "cpuMs"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the application started", ex);
        }
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("No " + name + " in '" + line + "'");
    }
}
