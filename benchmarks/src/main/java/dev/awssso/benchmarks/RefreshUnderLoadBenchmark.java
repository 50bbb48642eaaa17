package dev.awssso.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.Operation;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

/**
 * A refresh under load: 64 threads call {@code resolveCredentials()} while the cached credentials cross their
 * refresh point and the emulator answers {@code GetRoleCredentials} only after {@code upstreamDelayMillis}.
 * <p>
 * Every iteration is one refresh. Its setup builds a fresh provider, fetches credentials that live
 * {@link #LIFETIME}, makes the emulator slow, and sleeps until {@link #LEAD_IN} before the refresh point
 * ({@link #REFRESH_BEFORE_EXPIRY} before expiry); the iteration then measures for 4 seconds, which covers the
 * slow call. The sample-time distribution (p0.50, p0.99, p1.00 = max) is that of every call made during the
 * refreshes: each thread pauses {@code pauseMicros} between calls (outside the measured time), which keeps it
 * under JMH's 20 timestamps per millisecond, so no call goes unsampled ({@code calls} counts them).
 * Secondary results, summed over the measured iterations: {@code upstreamCalls} ({@code GetRoleCredentials}
 * calls seen by the emulator) and {@code refreshes} (iterations after which new credentials were served).
 * <ul>
 * <li>{@code awssso}: our provider, refresh window {@link #REFRESH_BEFORE_EXPIRY}, stale margin
 * {@link #STALE_BEFORE_EXPIRY}, background check every second (the default);</li>
 * <li>{@code sdkSso}: the SDK's {@link SsoCredentialsProvider} in its default mode (one caller blocks on the
 * prefetch), prefetch time {@link #REFRESH_BEFORE_EXPIRY}, stale time {@link #STALE_BEFORE_EXPIRY};</li>
 * <li>{@code volatileFloor}: a volatile field that another thread replaces {@code upstreamDelayMillis} after the
 * refresh point, without any network: what the same load costs when nothing can block, i.e. the scheduling
 * noise of 64 threads on this machine.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(1)
@Threads(64)
@State(Scope.Benchmark)
public class RefreshUnderLoadBenchmark {

    static final Duration LIFETIME = Duration.ofSeconds(12);

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(5);

    static final Duration STALE_BEFORE_EXPIRY = Duration.ofSeconds(1);

    static final Duration LEAD_IN = Duration.ofMillis(500);

    @Param({ "awssso", "sdkSso", "volatileFloor" })
    public String provider;

    @Param({ "2000" })
    public long upstreamDelayMillis;

    @Param({ "1000" })
    public long pauseMicros;

    private SignedInEmulator emulator;

    private SsoClient sdkPortal;

    private ScheduledExecutorService replacer;

    private volatile AwsCredentialsProvider credentials;

    private SsoEngine engine;

    private SsoCredentialsProvider sdkProvider;

    private AwsCredentials first;

    private long callsBefore;

    private long upstreamCalls;

    private boolean refreshed;

    private volatile boolean iterationDone;

    @Setup(Level.Trial)
    public void start() {
        this.emulator = SignedInEmulator.start(LIFETIME);
        this.sdkPortal = this.emulator.sdkPortalClient();
        this.replacer = Executors.newSingleThreadScheduledExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() {
        this.replacer.shutdownNow();
        this.sdkPortal.close();
        this.emulator.close();
    }

    /** A fresh provider with fresh credentials, a slow emulator, and a sleep until just before the refresh. */
    @Setup(Level.Iteration)
    public void approachRefresh() throws InterruptedException {
        this.emulator.emulator().clearFaults();
        this.credentials = switch (this.provider) {
            case "awssso" -> {
                this.engine = SsoEngine.start(this.emulator.settings(), this.emulator.engineOptions()
                    .credentialsRefreshWindow(REFRESH_BEFORE_EXPIRY)
                    .credentialsStaleMargin(STALE_BEFORE_EXPIRY)
                    .build());
                yield this.engine.credentialsProvider();
            }
            case "sdkSso" -> {
                this.sdkProvider = SignedInEmulator.sdkProviderBuilder()
                    .ssoClient(this.sdkPortal)
                    .refreshRequest(this.emulator.roleCredentialsRequest())
                    .prefetchTime(REFRESH_BEFORE_EXPIRY)
                    .staleTime(STALE_BEFORE_EXPIRY)
                    .build();
                yield this.sdkProvider;
            }
            case "volatileFloor" -> new VolatileCredentialsProvider(fetchDirectly());
            default -> throw new IllegalArgumentException("Unknown provider " + this.provider);
        };
        Instant fetchedBefore = Instant.now();
        this.first = this.credentials.resolveCredentials();
        // the SDK's provider drops the expiry from the credentials it serves: the emulator's lifetime tells it
        Instant expiry = this.first.expirationTime().orElse(fetchedBefore.plus(LIFETIME));
        Instant refreshPoint = expiry.minus(REFRESH_BEFORE_EXPIRY);
        if (this.credentials instanceof VolatileCredentialsProvider floor) {
            AwsSessionCredentials next = fetchDirectly();
            long replaceIn = Duration.between(Instant.now(), refreshPoint).toMillis() + this.upstreamDelayMillis;
            this.replacer.schedule(() -> floor.replace(next), replaceIn, TimeUnit.MILLISECONDS);
        }
        this.emulator.emulator().injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.delay(Duration.ofMillis(this.upstreamDelayMillis)));
        this.callsBefore = this.emulator.emulator().callCount(Operation.GET_ROLE_CREDENTIALS);
        this.iterationDone = false;
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), refreshPoint.minus(LEAD_IN)).toMillis()));
    }

    @TearDown(Level.Iteration)
    public void finishRefresh() {
        this.upstreamCalls = this.emulator.emulator().callCount(Operation.GET_ROLE_CREDENTIALS) - this.callsBefore;
        this.refreshed = !this.credentials.resolveCredentials().accessKeyId().equals(this.first.accessKeyId());
        this.iterationDone = true;
        if (this.engine != null) {
            this.engine.close();
            this.engine = null;
        }
        if (this.sdkProvider != null) {
            this.sdkProvider.close();
            this.sdkProvider = null;
        }
        this.emulator.emulator().clearFaults();
    }

    @Benchmark
    public AwsCredentials resolveCredentials(Caller caller, Control control) {
        if (control.startMeasurement && !control.stopMeasurement) {
            caller.calls++;
        }
        return this.credentials.resolveCredentials();
    }

    /** Upstream calls of the iteration so far (or of the finished iteration). */
    long upstreamCalls() {
        return this.iterationDone ? this.upstreamCalls
                : this.emulator.emulator().callCount(Operation.GET_ROLE_CREDENTIALS) - this.callsBefore;
    }

    /** 1 when the iteration ended serving new credentials. */
    long refreshes() {
        if (this.iterationDone) {
            return this.refreshed ? 1 : 0;
        }
        return this.credentials.resolveCredentials().accessKeyId().equals(this.first.accessKeyId()) ? 0 : 1;
    }

    private AwsSessionCredentials fetchDirectly() {
        RoleCredentials role = this.sdkPortal.getRoleCredentials(this.emulator.roleCredentialsRequest())
            .roleCredentials();
        return AwsSessionCredentials.builder()
            .accessKeyId(role.accessKeyId())
            .secretAccessKey(role.secretAccessKey())
            .sessionToken(role.sessionToken())
            .expirationTime(Instant.ofEpochMilli(role.expiration()))
            .build();
    }

    /** One calling thread: its pause between calls and its counters. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Caller {

        /** Calls made by this thread in the measured part of the iteration. */
        public long calls;

        private RefreshUnderLoadBenchmark benchmark;

        private boolean reporter;

        private long pauseNanos;

        @Setup(Level.Trial)
        public void bind(RefreshUnderLoadBenchmark benchmark, ThreadParams thread) {
            this.benchmark = benchmark;
            this.reporter = thread.getThreadIndex() == 0;
            this.pauseNanos = TimeUnit.MICROSECONDS.toNanos(benchmark.pauseMicros);
        }

        @Setup(Level.Invocation)
        public void pause() {
            LockSupport.parkNanos(this.pauseNanos);
        }

        /** {@code GetRoleCredentials} calls during the iteration (reported once, by the first thread). */
        public long upstreamCalls() {
            return this.reporter ? this.benchmark.upstreamCalls() : 0;
        }

        /** 1 when the iteration ended with new credentials served (reported once, by the first thread). */
        public long refreshes() {
            return this.reporter ? this.benchmark.refreshes() : 0;
        }
    }
}
