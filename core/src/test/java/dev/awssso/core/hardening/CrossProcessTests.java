package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheException;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two processes sharing nothing but the cache directory (and the service): a second JVM started from the test
 * class path ({@link CacheChild}) and an engine in this JVM. The emulator rotates refresh tokens, as AWS does,
 * so refreshing with a refresh token another process already used fails with {@code InvalidGrantException}.
 */
@Tag("isolated")
@ExtendWith(IdentityCenterEmulatorExtension.class)
class CrossProcessTests {

    private static final int ROUNDS = 50;

    private static final Duration CHILD_START = Duration.ofSeconds(60);

    /** A whole call within 1 s, so that the lock is given up after 2 s. */
    private static final CallTimeouts LOCK_TEST_TIMEOUTS = new CallTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    @Test
    void twoProcessesRefreshingTheSameSessionFiftyTimesNeverCorruptRollBackOrLoseTheToken(
            IdentityCenterEmulator emulator) throws Exception {
        EmulatedSession session = emulator.signIn(Hardening.SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, Hardening.SESSION);
        try (ChildJvm child = ChildJvm.start("refresh", emulator.endpoint().toString(), this.cacheDir.toString(),
                String.valueOf(ROUNDS)); LogCapture log = new LogCapture()) {
            SsoEngine engine = start(emulator);
            engine.credentialsProvider().resolveCredentials();
            Instant signedInAt = engine.tokens().signedInAt().orElseThrow();
            child.await("READY", CHILD_START);
            FileSampler sampler = new FileSampler(file);
            sampler.start();
            long started = System.nanoTime();

            child.send("GO");
            List<String> failures = new ArrayList<>();
            refreshRound(engine, 1, failures);
            List<String> childRounds = new ArrayList<>();
            childRounds.add(child.next(Duration.ofSeconds(60)));
            // both processes have made one round and have the others ahead: their refreshes overlap from here
            child.send("ON");
            for (int round = 2; round <= ROUNDS; round++) {
                refreshRound(engine, round, failures);
            }
            String line = child.next(Duration.ofSeconds(60));
            while (line.startsWith("ROUND")) {
                childRounds.add(line);
                line = child.next(Duration.ofSeconds(60));
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            sampler.stop();

            long createTokenCalls = emulator.callCount(Operation.CREATE_TOKEN);
            System.out.printf("cross-process: %d rounds each in %d ms, %d CreateToken calls (%d refreshes adopted from"
                    + " the other process), %d file samples, %d distinct tokens seen%n", ROUNDS, elapsedMillis,
                    createTokenCalls, 2 * ROUNDS - createTokenCalls, sampler.samples, sampler.distinctTokens.size());
            assertThat(failures).as("failures in this process").isEmpty();
            assertThat(childRounds).as("rounds of the other process").hasSize(ROUNDS)
                .allSatisfy((round) -> assertThat(round).matches("ROUND \\d+ ok"));
            assertThat(line).isEqualTo("DONE ok=" + ROUNDS + " failed=0");
            assertThat(sampler.problems).as("what the file sampler saw").isEmpty();
            assertThat(sampler.samples).isGreaterThan(ROUNDS);
            assertThat(log.all()).doesNotContain("InvalidGrantException").doesNotContain("new IAM Identity Center sign-in");
            assertThat(engine.tokens().signedInAt()).as("another process's refresh is not a new sign-in")
                .hasValue(signedInAt);

            SsoToken last = file.read().orElseThrow();
            assertThat(engine.tokens().refreshNow().accessToken()).as("the refresh token in the file still works")
                .isNotEqualTo(last.accessToken());
            assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
        }
    }

    @Test
    void aLockHeldByAHungProcessNeverBlocksForeverAndAKilledProcessReleasesItAtOnce() throws Exception {
        MovableClock clock = MovableClock.startingNow();
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start(clock);
                ChildJvm child = ChildJvm.start("hold", this.cacheDir.toString())) {
            // the refresh after the kill must not end the session if its answer comes after the 1 s timeout
            emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);
            EmulatedSession session = emulator.signIn(Hardening.SESSION);
            session.writeCacheFile(this.cacheDir);
            clock.set(session.expiresAt().plusSeconds(1));
            // far shorter than the child would hold the lock: taking it proves the killed child released it
            TokenCacheFile file = TokenCacheFile.of(this.cacheDir, Hardening.SESSION, Duration.ofSeconds(10));
            child.await("LOCKED", CHILD_START);
            // the lock is waited for twice the call timeout
            SsoEngine engine = start(emulator, clock, LOCK_TEST_TIMEOUTS);

            long started = System.nanoTime();
            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
                // given up at the lock wait, not at the caller wait
                .withMessageContaining(file.path() + ".lock");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(engine.status().state()).as("no valid credentials held").isEqualTo(SessionState.UNAVAILABLE);
            assertThat(String.join("\n", engine.status().warnings())).contains(file.path() + ".lock");
            assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isZero();

            child.kill();
            long killed = System.nanoTime();
            file.underLock(() -> null);
            Duration acquired = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf("lock held by a live process: gave up after %d ms; after kill -9 the lock was taken in"
                    + " %d ms%n", waited.toMillis(), acquired.toMillis());
            Eventually.await("credentials after the holder died", Duration.ofSeconds(10), () -> {
                // the failed attempt waits out its backoff on the engine's clock
                clock.advance(Duration.ofSeconds(1));
                return engine.credentialsProvider().currentCredentials().isPresent();
            });
            assertThat(engine.credentialsProvider().resolveCredentials().expirationTime().orElseThrow())
                .isAfter(clock.instant());
        }
    }

    /** An engine with the timeouts of the other process: time to answer however loaded the machine is. */
    private SsoEngine start(IdentityCenterEmulator emulator) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir).build());
        this.engines.add(engine);
        return engine;
    }

    private SsoEngine start(IdentityCenterEmulator emulator, Clock clock, CallTimeouts timeouts) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(), Hardening.options(emulator.endpoint(), this.cacheDir)
            .timeouts(timeouts)
            .build(), clock);
        this.engines.add(engine);
        return engine;
    }

    private static void refreshRound(SsoEngine engine, int round, List<String> failures) {
        try {
            engine.refreshNow();
            AwsSessionCredentials credentials = engine.credentialsProvider().resolveCredentials();
            assertThat(credentials.expirationTime().orElseThrow()).isAfter(Instant.now());
        }
        catch (SsoSessionException ex) {
            failures.add("round " + round + ": " + ex.getMessage());
        }
    }

    /** Reads the token file over and over, noting anything a reader should never see. */
    private static final class FileSampler {

        private final TokenCacheFile file;

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final List<String> problems = new ArrayList<>();

        private final Set<String> distinctTokens = new HashSet<>();

        private Thread thread;

        private long samples;

        FileSampler(TokenCacheFile file) {
            this.file = file;
        }

        void start() {
            this.thread = new Thread(this::sample, "file-sampler");
            this.thread.start();
        }

        void stop() throws InterruptedException {
            this.running.set(false);
            this.thread.join();
        }

        private void sample() {
            Instant latestExpiry = Instant.MIN;
            String latestToken = null;
            while (this.running.get()) {
                Optional<SsoToken> read;
                try {
                    read = this.file.read();
                }
                catch (TokenCacheException ex) {
                    this.problems.add("unreadable: " + ex.getMessage());
                    continue;
                }
                this.samples++;
                if (read.isEmpty()) {
                    this.problems.add("the file was missing");
                    continue;
                }
                SsoToken token = read.get();
                if (token.expiresAt().isBefore(latestExpiry)) {
                    this.problems.add("expiresAt went back from " + latestExpiry + " to " + token.expiresAt());
                }
                if (token.refreshToken() == null) {
                    this.problems.add("no refresh token");
                }
                if (!token.accessToken().equals(latestToken) && !this.distinctTokens.add(token.accessToken())) {
                    this.problems.add("an older token came back");
                }
                latestExpiry = token.expiresAt();
                latestToken = token.accessToken();
                LockSupport.parkNanos(200_000);
            }
        }
    }
}
