package dev.awssso.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;

/**
 * The hot path: {@code resolveCredentials()} while valid credentials are cached, on 1 and 8 threads. Every AWS
 * call of an application goes through it. Run with {@code -prof gc} for the allocation per call
 * ({@code gc.alloc.rate.norm}).
 * <ul>
 * <li>{@code awssso}: our {@code IdentityCenterCredentialsProvider}, from an engine on the emulator;</li>
 * <li>{@code sdkStatic}: the SDK's {@link StaticCredentialsProvider}, credentials in a final field;</li>
 * <li>{@code volatileFloor}: credentials in a volatile field, the floor for credentials that can change but
 * that nothing on the calling thread checks;</li>
 * <li>{@code clockFloor}: a volatile read and one {@link System#currentTimeMillis()} comparison, the floor for
 * a provider that may never hand out expired credentials, whatever the background did;</li>
 * <li>{@code sdkSso}: the SDK's {@link SsoCredentialsProvider} on the same emulator, default mode.</li>
 * </ul>
 * Credentials live an hour, so no refresh falls into a run. Each provider runs in its own forks, so each call
 * site sees one provider class. With 8 threads on a 2-core machine each thread gets a quarter of a core: the
 * time per call is then about 4 times the 1-thread time, and noisier.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ResolveCredentialsBenchmark {

    @Param({ "awssso", "clockFloor", "sdkSso", "volatileFloor", "sdkStatic" })
    public String provider;

    private SignedInEmulator emulator;

    private SsoEngine engine;

    private SsoClient sdkPortal;

    private AwsCredentialsProvider credentials;

    @Setup(Level.Trial)
    public void start() {
        this.emulator = SignedInEmulator.start(Duration.ofHours(1));
        this.engine = SsoEngine.start(this.emulator.settings(), this.emulator.engineOptions().build());
        AwsCredentials fetched = this.engine.credentialsProvider().resolveCredentials();
        this.credentials = switch (this.provider) {
            case "awssso" -> this.engine.credentialsProvider();
            case "sdkStatic" -> StaticCredentialsProvider.create(fetched);
            case "volatileFloor" -> new VolatileCredentialsProvider(fetched);
            case "clockFloor" -> new ClockCheckedCredentialsProvider(fetched,
                    System.currentTimeMillis() + Duration.ofMinutes(50).toMillis());
            case "sdkSso" -> {
                this.sdkPortal = this.emulator.sdkPortalClient();
                yield SignedInEmulator.sdkProviderBuilder()
                    .ssoClient(this.sdkPortal)
                    .refreshRequest(this.emulator.roleCredentialsRequest())
                    .build();
            }
            default -> throw new IllegalArgumentException("Unknown provider " + this.provider);
        };
        this.credentials.resolveCredentials();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (this.credentials instanceof SsoCredentialsProvider sdk) {
            sdk.close();
        }
        if (this.sdkPortal != null) {
            this.sdkPortal.close();
        }
        this.engine.close();
        this.emulator.close();
    }

    @Benchmark
    @Threads(1)
    public AwsCredentials oneThread() {
        return this.credentials.resolveCredentials();
    }

    @Benchmark
    @Threads(8)
    public AwsCredentials eightThreads() {
        return this.credentials.resolveCredentials();
    }
}
