package dev.awssso.benchmarks.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awssso.emulator.IdentityCenterEmulator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Start-up as a developer feels it: each invocation launches {@link StartupApplication} as a whole new process
 * (JVM start, class loading, context start, exit), a bare web application configured as developers configure
 * it (inline {@code aws.sso.*}, the SSO region's AWS endpoints, a signed-in token cache), with and without the
 * starter. Besides the time, each start reports the classes loaded and the CPU time of the started process.
 * Nothing is called over the network: start-up makes no call.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ProcessStartupBenchmark {

    @Param({ "with", "without" })
    public String starter;

    private String[] args;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path home = Files.createTempDirectory("aws-sso-startup-home");
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start()) {
            emulator.signIn("bench")
                .writeCacheFile(Files.createDirectories(home.resolve(".aws").resolve("sso").resolve("cache")));
            this.args = StartupArguments.asDeveloped(emulator.startUrl(), emulator.ssoRegion(), home,
                    "with".equals(this.starter));
        }
        catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    @Benchmark
    public StartupRun startProcess(Costs costs) {
        StartupRun run = StartupRun.start(List.of(), this.args);
        costs.record(run);
        return run;
    }

    /**
     * What each start cost besides time: classes loaded, and CPU time of the JVM until the context started. JMH
     * adds secondary results up over the iterations, so each iteration reports its share and the summary line
     * shows the mean per start.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Costs {

        public double loadedClasses;

        public double processCpuMs;

        private int iterations;

        @Setup(Level.Trial)
        public void prepare(BenchmarkParams params) {
            this.iterations = Math.max(1, params.getMeasurement().getCount());
        }

        void record(StartupRun run) {
            this.loadedClasses = (double) run.loadedClasses() / this.iterations;
            this.processCpuMs = (double) run.cpuMillis() / this.iterations;
        }
    }
}
