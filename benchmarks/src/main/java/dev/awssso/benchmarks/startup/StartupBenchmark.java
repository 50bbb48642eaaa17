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

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time to a started context of {@link StartupApplication}, with and without the starter: one cold start per
 * fork (a fresh JVM), many forks. The emulator runs in both variants (started before the measured time, signed
 * in, token cached), so they differ only in what the starter does. Both variants record Spring's start-up steps
 * (a {@link BufferingApplicationStartup}), from which {@link Costs} reports the starter's own share.
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
    public ConfigurableApplicationContext startContext(Costs costs) {
        BufferingApplicationStartup steps = new BufferingApplicationStartup(20_000);
        long cpuBefore = costs.processCpuNanos();
        long before = System.nanoTime();
        this.context = StartupApplication.start(steps, this.args);
        costs.record(System.nanoTime() - before, cpuBefore, StarterBeans.creationTime(steps));
        return this.context;
    }

    /**
     * Secondary results of a start-up. JMH adds them up over the forks, so each fork reports its share and the
     * summary line shows the mean per start (the per-fork lines show that share, not the fork's own value).
     * <ul>
     * <li>{@code processCpuMs}: CPU time of the JVM during the start-up, all threads (JIT and GC included);</li>
     * <li>{@code starterBeansMs}: time spent creating the starter's beans, from Spring's start-up steps;</li>
     * <li>{@code starterOverheadPct}: {@code starterBeansMs} as a percentage of the rest of the same start-up,
     * i.e. the start-up ratio minus one, in percent, estimated within each fork, so a busy machine slows both
     * parts alike (it leaves out the starter's condition evaluation and class-path presence).</li>
     * </ul>
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Costs {

        public double processCpuMs;

        public double starterBeansMs;

        public double starterOverheadPct;

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

        void record(long wallNanos, long cpuBefore, Duration starterBeans) {
            double starterNanos = starterBeans.toNanos();
            this.processCpuMs = (processCpuNanos() - cpuBefore) / 1e6 / this.forks;
            this.starterBeansMs = starterNanos / 1e6 / this.forks;
            this.starterOverheadPct = 100 * starterNanos / (wallNanos - starterNanos) / this.forks;
        }
    }
}
