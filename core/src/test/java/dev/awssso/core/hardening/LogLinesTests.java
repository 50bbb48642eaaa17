package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The warnings of the credentials providers say what happened: why credentials were withdrawn before new ones
 * arrived, and no retry announced once the engine is closed.
 */
class LogLinesTests {

    private static final Duration LIFETIME = Duration.ofHours(1);

    /** Inside the refresh window (five minutes before expiry), not yet stale. */
    private static final Duration INTO_THE_REFRESH_WINDOW = LIFETIME.minusMinutes(4);

    private static final String WITHDRAWN = "no new ones arrived in time";

    private static final String SLEPT = "the machine may have slept";

    private final MovableClock clock = MovableClock.startingNow();

    private final LogCapture log = new LogCapture();

    @TempDir
    Path cacheDir;

    private IdentityCenterEmulator emulator;

    private Set<String> threadsBefore;

    private SsoEngine engine;

    @AfterEach
    void close() {
        this.log.close();
        if (this.engine != null) {
            this.engine.close();
        }
        this.emulator.close();
    }

    @Test
    void credentialsWithdrawnAfterASleepSayTheMachineMayHaveSlept() {
        start(this.clock, Duration.ofHours(1));
        this.engine.credentialsProvider().resolveCredentials();

        this.clock.advance(LIFETIME.multipliedBy(2));
        this.engine.credentialsProvider().resolveCredentials();

        assertThat(this.log.warnings()).filteredOn((line) -> line.contains(WITHDRAWN)).singleElement()
            .asString()
            .contains(SLEPT);
    }

    @Test
    void credentialsOfAnEndedSessionAreWithdrawnAtOnceAndNotBlamedOnASleep() {
        EmulatedSession session = start(this.clock, Duration.ofMillis(50));
        this.engine.credentialsProvider().resolveCredentials();
        this.emulator.endSession(session);

        this.clock.advance(INTO_THE_REFRESH_WINDOW);
        Eventually.await("the credentials were withdrawn with the session", Duration.ofSeconds(20),
                () -> this.engine.credentialsProvider().currentCredentials().isEmpty());
        this.clock.advance(Duration.ofMinutes(5));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED));
        assertThat(this.log.warnings()).anySatisfy((line) -> assertThat(line).contains("has ended"))
            .noneSatisfy((line) -> assertThat(line).contains(SLEPT));
    }

    @Test
    void credentialsWithdrawnWhileTheRefreshFailsNameTheFailureAndNotASleep() {
        start(this.clock, Duration.ofMillis(50));
        this.engine.credentialsProvider().resolveCredentials();
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(500, "InternalServerException"));

        this.clock.advance(INTO_THE_REFRESH_WINDOW);
        Eventually.await("the refresh failed", Duration.ofSeconds(20),
                () -> this.engine.credentialsProvider().lastFailure().isPresent());
        this.clock.advance(Duration.ofMinutes(5));

        String withdrawn = awaitWithdrawal();
        assertThat(withdrawn).contains("the last refresh failed", "InternalServerException").doesNotContain(SLEPT);
    }

    @Test
    void aClockAheadOfAwsByMoreThanTheCredentialsLifetimeIsBlamedOnceAndWithdrawsNothing() {
        // the engine's clock is two hours ahead of the emulator's, which issues one-hour credentials
        MovableClock ahead = new MovableClock(Instant.now().plus(Duration.ofHours(2)));
        start(ahead, Duration.ofHours(1));

        for (int call = 0; call < 3; call++) {
            this.engine.credentialsProvider().resolveCredentials();
        }

        assertThat(this.log.warnings()).singleElement().asString()
            .contains("This machine's clock is", "ahead of AWS's", "NTP")
            .doesNotContain(WITHDRAWN);
    }

    @Test
    void aFetchCutShortByClosingTheEngineAnnouncesNoRetry() {
        start(this.clock, Duration.ofMillis(50));
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<Void> caller = CompletableFuture
            .runAsync(() -> this.engine.credentialsProvider().resolveCredentials());
        Eventually.await("the fetch is under way", Duration.ofSeconds(10),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        this.engine.close();

        Eventually.await("the caller was released", Duration.ofSeconds(10), caller::isDone);
        awaitEngineThreadsEnded();
        assertThat(this.log.all()).doesNotContain("retrying in the background").doesNotContainIgnoringCase("next try");
    }

    @Test
    void aTokenRefreshCutShortByClosingTheEngineAnnouncesNoRetry() {
        EmulatedSession session = start(this.clock, Duration.ofMillis(50));
        this.clock.set(session.expiresAt().plusSeconds(1));
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<Void> caller = CompletableFuture
            .runAsync(() -> this.engine.credentialsProvider().resolveCredentials());
        Eventually.await("the token refresh is under way", Duration.ofSeconds(10),
                () -> this.emulator.callCount(Operation.CREATE_TOKEN) == 1);

        this.engine.close();

        Eventually.await("the caller was released", Duration.ofSeconds(10), caller::isDone);
        awaitEngineThreadsEnded();
        assertThat(this.log.all()).doesNotContain("retrying in the background").doesNotContainIgnoringCase("next try");
    }

    /** Starts an emulator (on the test's clock, or on its own when the engine's clock is another) and an engine. */
    private EmulatedSession start(MovableClock engineClock, Duration checkInterval) {
        this.emulator = (engineClock == this.clock) ? IdentityCenterEmulator.start(this.clock)
                : IdentityCenterEmulator.start();
        this.emulator.setTokenLifetime(LIFETIME.multipliedBy(8));
        this.emulator.setCredentialsLifetime(LIFETIME);
        EmulatedSession session = this.emulator.signIn(Hardening.SESSION);
        session.writeCacheFile(this.cacheDir);
        this.threadsBefore = Hardening.engineThreads();
        this.engine = SsoEngine.start(Hardening.settings(), Hardening.options(this.emulator.endpoint(), this.cacheDir)
            .checkInterval(checkInterval)
            .build(), engineClock);
        return session;
    }

    /** Waits until the threads of the test's engine have ended, with the calls and logging they were doing. */
    private void awaitEngineThreadsEnded() {
        Eventually.await("the engine's threads ended", Duration.ofSeconds(10),
                () -> this.threadsBefore.containsAll(Hardening.engineThreads()));
    }

    private String awaitWithdrawal() {
        Eventually.await("the credentials were withdrawn", Duration.ofSeconds(20),
                () -> this.log.warnings().stream().anyMatch((line) -> line.contains(WITHDRAWN)));
        return this.log.warnings().stream().filter((line) -> line.contains(WITHDRAWN)).findFirst().orElseThrow();
    }
}
