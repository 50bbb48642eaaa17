package dev.awssso.benchmarks.startup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.awssso.benchmarks.SignedInEmulator;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
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

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The starter's own start-up work without Spring: a cold {@code SsoEngine.start(...)} (one per fork, a fresh
 * JVM), signed in, token cached. It is short, so a busy machine blurs it far less than a whole application
 * start-up.
 * <ul>
 * <li>{@code sdkLoaded = false}: nothing of the AWS SDK is loaded yet, as in an application without other AWS
 * clients, where the engine pays the SDK's first client;</li>
 * <li>{@code sdkLoaded = true}: an {@code StsClient} was built first (outside the measured time), as in an
 * application that uses AWS: what remains is the engine's own cost.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
@State(Scope.Benchmark)
public class EngineStartBenchmark {

    @Param({ "true", "false" })
    public boolean sdkLoaded;

    private SignedInEmulator emulator;

    private SsoSettings settings;

    private EngineOptions options;

    private StsClient sts;

    private SsoEngine engine;

    @Setup(Level.Trial)
    public void prepare() {
        this.emulator = SignedInEmulator.start(Duration.ofHours(1));
        this.settings = this.emulator.settings();
        this.options = this.emulator.engineOptions().build();
        if (this.sdkLoaded) {
            this.sts = StsClient.builder()
                .region(Region.of(SignedInEmulator.REGION))
                .endpointOverride(this.emulator.emulator().endpoint())
                .build();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (this.engine != null) {
            this.engine.close();
        }
        if (this.sts != null) {
            this.sts.close();
        }
        this.emulator.close();
    }

    @Benchmark
    public SsoEngine startEngine() {
        this.engine = SsoEngine.start(this.settings, this.options);
        return this.engine;
    }
}
