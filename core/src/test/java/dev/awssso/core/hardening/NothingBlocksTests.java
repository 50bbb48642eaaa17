package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Callers, the status and the background maintenance never wait long on the network, and never stop for good:
 * a caller's wait is bounded in all, the status reads no lock held across a call, and a task or listener that
 * throws anything does not end the maintenance.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class NothingBlocksTests {

    private static final Duration HANG = Duration.ofSeconds(20);

    private static final CallTimeouts LONG_CALLS = new CallTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    @Test
    void aCallerWaitsAtMostTheCallerWaitInAllATokenRefreshIncluded(IdentityCenterEmulator emulator) {
        emulator.setTokenLifetime(Duration.ofMillis(1));
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(HANG));
        SsoEngine engine = start(emulator, Duration.ofMillis(500), Clock.systemUTC());

        long started = System.nanoTime();
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
            .withMessageContaining("Timed out after 500ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the caller wait, not by the "
                + HANG + " token refresh").isLessThan(HANG.dividedBy(2));
        Eventually.await("the token refresh the caller gave up on goes on", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 1);
    }

    @Test
    void theStatusDoesNotWaitForACallUnderWay(IdentityCenterEmulator emulator) throws Exception {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, Duration.ofSeconds(30), Clock.systemUTC());
        engine.credentialsProvider().resolveCredentials();
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(HANG));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(HANG));
        CompletableFuture.runAsync(engine::refreshNow);
        Eventually.await("the token refresh is under way", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 1);

        SessionStatus status = CompletableFuture.supplyAsync(engine::status).get(HANG.dividedBy(2).toMillis(),
                TimeUnit.MILLISECONDS);

        assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void signingOutWhileAFetchIsUnderWayServesNothingOfTheOldSession(IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        // the answer comes after 3 s: long after the sign-out below, even on a loaded machine
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(3)).times(1));
        SsoEngine engine = start(emulator, Duration.ofSeconds(30), Clock.systemUTC());
        CompletableFuture<?> caller = CompletableFuture.supplyAsync(engine.credentialsProvider()::resolveCredentials);
        Eventually.await("the fetch is under way", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        // as when `aws sso logout` removes the token file: the portal would still serve the old session
        engine.tokens().signOut();

        assertThat(caller).as("the caller of the old session gets no credentials").failsWithin(HANG)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .satisfies((ex) -> assertThat(((SsoSessionException) ex.getCause()).reason())
                .isEqualTo(Reason.SIGNED_OUT));
        assertThat(engine.credentialsProvider().currentCredentials()).isEmpty();
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT));
    }

    @Test
    void maintenanceGoesOnAfterATaskThrowsAnError(IdentityCenterEmulator emulator) {
        ClockFailingOnce clock = new ClockFailingOnce();
        SsoEngine engine = start(emulator, Duration.ofSeconds(30), clock);
        clock.failNextReadOnTheRefreshThread();
        Eventually.await("a maintenance task met the error", Duration.ofSeconds(10), clock::failed);

        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);

        Eventually.await("the sign-in is adopted by the maintenance", Duration.ofSeconds(10),
                () -> engine.status().state() == SessionState.ACTIVE);
    }

    @Test
    void aListenerThatThrowsAnErrorDoesNotKeepTheEventFromTheOthers(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator, Duration.ofSeconds(30), Clock.systemUTC());
        List<SessionEvent> delivered = new CopyOnWriteArrayList<>();
        engine.addListener((event) -> {
            throw new LinkageError("a listener compiled against another version");
        });
        engine.addListener(delivered::add);

        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        Eventually.await("the sign-in reaches the second listener", Duration.ofSeconds(10),
                () -> delivered.stream().anyMatch(SessionEvent.SignedIn.class::isInstance));
        engine.credentialsProvider().resolveCredentials();

        Eventually.await("later events reach it too", Duration.ofSeconds(10),
                () -> delivered.stream().anyMatch(SessionEvent.CredentialsRefreshed.class::isInstance));
    }

    @Test
    void closingReturnsPromptlyWhileACallerWaitsAndReleasesIt(IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(HANG));
        SsoEngine engine = start(emulator, Duration.ofSeconds(30), Clock.systemUTC());
        CompletableFuture<?> caller = CompletableFuture.supplyAsync(engine.credentialsProvider()::resolveCredentials);
        Eventually.await("the fetch is under way", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        long started = System.nanoTime();
        engine.close();

        // long before the hanging call would end; the one-second promise has its own test (ClosePromiseTests)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(caller).failsWithin(Duration.ofSeconds(10))
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .satisfies((ex) -> assertThat(((SsoSessionException) ex.getCause()).reason()).isEqualTo(Reason.CLOSED));
    }

    private SsoEngine start(IdentityCenterEmulator emulator, Duration callerWait, Clock clock) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir).callerWait(callerWait).timeouts(LONG_CALLS)
                    .build(),
                clock);
        this.engines.add(engine);
        return engine;
    }

    /** The system clock, but its next read on the engine's refresh thread throws an {@link Error}. */
    private static final class ClockFailingOnce extends Clock {

        private final AtomicBoolean armed = new AtomicBoolean();

        private final AtomicBoolean failed = new AtomicBoolean();

        void failNextReadOnTheRefreshThread() {
            this.armed.set(true);
        }

        boolean failed() {
            return this.failed.get();
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().contains("-refresh-") && this.armed.compareAndSet(true, false)) {
                this.failed.set(true);
                throw new AssertionError("a clock that failed once");
            }
            return Instant.now();
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return Clock.systemUTC().getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
