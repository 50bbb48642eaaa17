package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an engine for a while (system property {@code soak.duration}, default {@code 15s}; for a release check
 * {@code -Dsoak.duration=10m}, at most {@value #LONGEST_MINUTES}m) with seconds-long lifetimes, 16 threads
 * resolving credentials all the time and faults (503, answers slower than the read timeout, connection resets)
 * switched on and off on both operations. No resolve may fail while credentials served before were still valid, and no expired credentials
 * may be served. Prints one line with the figures.
 * <p>
 * "Valid" is what the engine promises: it withdraws credentials shortly before they expire (here 500 ms, the
 * stale margin; one minute by default), since a request signed with them could reach AWS after they expired.
 * Failures in that last stretch, and after expiry, are counted and printed apart; they happen when a fault
 * outlasts the time between the refresh and the withdrawal.
 */
@Tag("isolated")
@ExtendWith(IdentityCenterEmulatorExtension.class)
class SoakTests {

    private static final int THREADS = 16;

    /**
     * The longest soak, in minutes: with the rest of the core tests it stays within the 15 minutes after which
     * surefire stops a test JVM ({@code surefire.timeout}).
     */
    private static final int LONGEST_MINUTES = 12;

    private static final Duration CREDENTIALS_LIFETIME = Duration.ofSeconds(3);

    /**
     * Due for refresh 5 s before it expires: longer than a fault period and the pause after it, in which the
     * refresh gets through, so the token never comes near its expiry (where a portal call made with it could
     * arrive too late).
     */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);

    /** What the engine withdraws credentials before they expire: min(stale margin, a quarter of the lifetime). */
    private static final Duration STALE_MARGIN = Duration.ofMillis(500);

    private static final CallTimeouts TIMEOUTS = new CallTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofSeconds(2));

    @TempDir
    Path cacheDir;

    @Test
    @Timeout(value = LONGEST_MINUTES + 2, unit = TimeUnit.MINUTES)
    void credentialsAreServedWithoutFailureWhileValidOnesExistUnderSwitchingFaults(IdentityCenterEmulator emulator)
            throws Exception {
        Duration duration = duration(System.getProperty("soak.duration", "15s"));
        assertThat(duration).as("soak.duration").isLessThanOrEqualTo(Duration.ofMinutes(LONGEST_MINUTES));
        emulator.setCredentialsLifetime(CREDENTIALS_LIFETIME);
        emulator.setTokenLifetime(TOKEN_LIFETIME);
        // A CreateToken answer lost after the service rotated the refresh token ends the session for any client
        // (FaultToleranceTests), and on a loaded machine any answer may come after the read timeout: here the
        // service keeps the refresh token.
        emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        Figures figures = new Figures();
        try (QuietLog log = new QuietLog(); SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir)
                    .credentialsStaleMargin(STALE_MARGIN)
                    .callerWait(Duration.ofSeconds(3))
                    .timeouts(TIMEOUTS)
                    .build())) {
            engine.addListener((event) -> {
                if (event instanceof SessionEvent.TokenRefreshed) {
                    figures.tokenRefreshes.increment();
                }
                else if (event instanceof SessionEvent.CredentialsRefreshed) {
                    figures.credentialsRefreshes.increment();
                }
            });
            engine.credentialsProvider().resolveCredentials();
            long deadline = System.nanoTime() + duration.toNanos();
            CountDownLatch done = new CountDownLatch(THREADS);
            List<Thread> resolvers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Thread resolver = new Thread(() -> {
                    try {
                        resolve(engine, deadline, figures);
                    }
                    finally {
                        done.countDown();
                    }
                }, "soak-resolver-" + i);
                resolver.start();
                resolvers.add(resolver);
            }
            switchFaults(emulator, deadline, figures);
            assertThat(done.await(30, TimeUnit.SECONDS)).as("every resolver finished").isTrue();

            emulator.clearFaults();
            Eventually.await("recovered after the last fault", Duration.ofSeconds(15),
                    () -> engine.status().state() == SessionState.ACTIVE
                            && engine.credentialsProvider().currentCredentials().isPresent());
            long failures = figures.failures.sum();
            String summary = String.format(Locale.ROOT, "SOAK duration=%ds threads=%d resolves=%d failures=%d"
                    + " (whileValidCredentialsExisted=%d, inTheLast%dmsBeforeExpiry=%d, afterExpiry=%d)"
                    + " expiredServed=%d tokenRefreshes=%d credentialsRefreshes=%d createTokenCalls=%d"
                    + " getRoleCredentialsCalls=%d faultPeriods=%d faultSeconds=%.1f maxResolveMs=%.1f"
                    + " warningsLogged=%d", duration.toSeconds(), THREADS, figures.resolves.sum(), failures,
                    figures.failuresWhileValid.sum(), STALE_MARGIN.toMillis(), figures.failuresWhileStale.sum(),
                    failures - figures.failuresWhileValid.sum() - figures.failuresWhileStale.sum(),
                    figures.expiredServed.sum(), figures.tokenRefreshes.sum(), figures.credentialsRefreshes.sum(),
                    emulator.callCount(Operation.CREATE_TOKEN), emulator.callCount(Operation.GET_ROLE_CREDENTIALS),
                    figures.faultPeriods.get(), figures.faultMillis.get() / 1000.0,
                    figures.maxResolveNanos.get() / 1_000_000.0, log.warnings.sum());
            System.out.println(summary);
            assertThat(figures.violations).as("failures while valid credentials existed").isEmpty();
            assertThat(figures.failuresWhileValid.sum()).isZero();
            assertThat(figures.expiredServed.sum()).isZero();
            assertThat(engine.tokens().sessionEnd()).as("the session never ended").isEmpty();
            assertThat(figures.resolves.sum()).isGreaterThan(THREADS * duration.toSeconds());
            long lifetimes = duration.toMillis() / CREDENTIALS_LIFETIME.toMillis();
            assertThat(figures.credentialsRefreshes.sum()).as("credentials kept being refreshed")
                .isGreaterThan(lifetimes / 2);
            // a refresh is due every half lifetime, and faults are on for about a third of the time
            assertThat(figures.tokenRefreshes.sum()).as("the token kept being refreshed")
                .isGreaterThanOrEqualTo(duration.toMillis() / TOKEN_LIFETIME.dividedBy(2).toMillis() / 2);
        }
    }

    private static void resolve(SsoEngine engine, long deadline, Figures figures) {
        while (System.nanoTime() < deadline) {
            // Read before the call: credentials returned by it were asked for no earlier than this, and a thread
            // paused after a valid answer must not count it as expired.
            long askedAt = System.currentTimeMillis();
            long latestExpiry = figures.latestExpiry.get();
            long started = System.nanoTime();
            try {
                AwsSessionCredentials credentials = engine.credentialsProvider().resolveCredentials();
                figures.latency(System.nanoTime() - started);
                figures.resolves.increment();
                Instant expiresAt = credentials.expirationTime().orElseThrow();
                if (expiresAt.toEpochMilli() <= askedAt) {
                    figures.expiredServed.increment();
                }
                figures.latestExpiry.accumulate(expiresAt.toEpochMilli());
            }
            catch (SsoSessionException ex) {
                figures.latency(System.nanoTime() - started);
                figures.resolves.increment();
                figures.failures.increment();
                // the failure came no later than now; credentials known before the call were valid until then
                long failedBy = System.currentTimeMillis();
                if (failedBy < latestExpiry - STALE_MARGIN.toMillis()) {
                    figures.failuresWhileValid.increment();
                    figures.violations.add(Instant.ofEpochMilli(failedBy) + ": " + ex.getMessage()
                            + " while credentials valid until " + Instant.ofEpochMilli(latestExpiry) + " existed");
                }
                else if (askedAt < latestExpiry) {
                    figures.failuresWhileStale.increment();
                }
            }
            // continuously, but leaving the two shared cores some air
            LockSupport.parkNanos(200_000);
        }
    }

    /** Switches a random fault on a random operation (or both) on and off until the deadline. */
    private static void switchFaults(IdentityCenterEmulator emulator, long deadline, Figures figures) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            // long enough for a refresh held up by the last fault to get through
            pace(Duration.ofMillis(random.nextLong(2000, 3000)), deadline);
            List<Operation> operations = switch (random.nextInt(3)) {
                case 0 -> List.of(Operation.CREATE_TOKEN);
                case 1 -> List.of(Operation.GET_ROLE_CREDENTIALS);
                default -> List.of(Operation.CREATE_TOKEN, Operation.GET_ROLE_CREDENTIALS);
            };
            int kind = random.nextInt(3);
            for (Operation operation : operations) {
                emulator.injectFault(operation, switch (kind) {
                    case 0 -> Fault.status(503, "ServiceUnavailableException");
                    case 1 -> Fault.connectionReset();
                    default -> Fault.delay(Duration.ofSeconds(1));
                });
            }
            long on = random.nextLong(300, 2500);
            figures.faultPeriods.incrementAndGet();
            figures.faultMillis.addAndGet(on);
            pace(Duration.ofMillis(on), deadline);
            emulator.clearFaults();
        }
    }

    /** Lets {@code pause} pass, or until the deadline: the schedule of the faults, not a wait for a condition. */
    private static void pace(Duration pause, long deadline) {
        long until = Math.min(System.nanoTime() + pause.toNanos(), deadline);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** {@code 2m}, {@code 90s}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT2M}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt")) {
            return Duration.parse(value);
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.replaceAll("[smh]$", ""));
        return switch (value.charAt(value.length() - 1)) {
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static final class Figures {

        final LongAdder resolves = new LongAdder();

        final LongAdder failures = new LongAdder();

        final LongAdder failuresWhileValid = new LongAdder();

        final LongAdder failuresWhileStale = new LongAdder();

        final LongAdder expiredServed = new LongAdder();

        final LongAdder tokenRefreshes = new LongAdder();

        final LongAdder credentialsRefreshes = new LongAdder();

        final LongAccumulator latestExpiry = new LongAccumulator(Math::max, Long.MIN_VALUE);

        final AtomicLong maxResolveNanos = new AtomicLong();

        final AtomicLong faultPeriods = new AtomicLong();

        final AtomicLong faultMillis = new AtomicLong();

        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        void latency(long nanos) {
            this.maxResolveNanos.accumulateAndGet(nanos, Math::max);
        }
    }

    /** Counts the engine's warnings instead of printing them, for the length of the soak. */
    private static final class QuietLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        final LongAdder warnings = new LongAdder();

        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.awssso");

        QuietLog() {
            start();
            this.logger.addAppender(this);
            this.logger.setAdditive(false);
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                this.warnings.increment();
            }
        }

        @Override
        public void close() {
            this.logger.setAdditive(true);
            this.logger.detachAppender(this);
            stop();
        }
    }
}
