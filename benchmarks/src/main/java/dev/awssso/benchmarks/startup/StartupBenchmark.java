package dev.awssso.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.awssso.benchmarks.SignedInEmulator;
import com.sun.management.OperatingSystemMXBean;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time to a started context of {@link StartupApplication}, with and without the starter: one cold start per
 * fork (a fresh JVM), many forks. The emulator runs in both variants (started before the measured time, signed
 * in, token cached), so they differ only in what the starter does.
 * <ul>
 * <li>{@code starter}: {@code with} runs the starter's auto-configuration on inline {@code aws.sso.*} settings;
 * {@code without} excludes it (its jars stay on the class path);</li>
 * <li>{@code stsClient}: {@code true} builds an {@code StsClient} bean like the sample app does, so the SDK is
 * loaded in both variants, as in any application that uses AWS; {@code false} is a bare web application, the
 * worst case for the starter, which then alone loads the SDK.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
@State(Scope.Benchmark)
public class StartupBenchmark {

    @Param({ "true", "false" })
    public boolean stsClient;

    @Param({ "with", "without" })
    public String starter;

    private SignedInEmulator emulator;

    private String[] args;

    private ConfigurableApplicationContext context;

    @Setup(Level.Trial)
    public void prepare() {
        this.emulator = SignedInEmulator.start(Duration.ofHours(1));
        this.args = StartupArguments.of(this.emulator.emulator(), this.emulator.home(), "with".equals(this.starter),
                this.stsClient);
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (this.context != null) {
            this.context.close();
        }
        this.emulator.close();
    }

    @Benchmark
    public ConfigurableApplicationContext startContext(CpuTime cpu) {
        long before = cpu.processCpuNanos();
        this.context = StartupApplication.start(this.args);
        cpu.record(before);
        return this.context;
    }

    /**
     * The CPU time the JVM spent on the start-up, all threads (JIT compilers and GC included): less sensitive to
     * other processes on the machine than the wall-clock time. JMH adds up this secondary result over the forks,
     * so each fork reports its share: the printed figure is the mean per start.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {

        /** Mean CPU milliseconds per start-up. */
        public double processCpuMs;

        private OperatingSystemMXBean os;

        private int forks;

        @Setup(Level.Trial)
        public void prepare(BenchmarkParams params) {
            this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            this.forks = Math.max(1, params.getForks());
            processCpuNanos();
        }

        long processCpuNanos() {
            return this.os.getProcessCpuTime();
        }

        void record(long before) {
            this.processCpuMs = (processCpuNanos() - before) / 1e6 / this.forks;
        }
    }
}
