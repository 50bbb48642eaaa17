package dev.awssso.core.engine;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a caller waits for on its own thread is bounded by the engine's caller wait: an explicit refresh and the
 * account listing give up on a cache lock another process holds, or on a refresh of this application under way,
 * and a closing engine never waits for the lock a completing sign-in waits for. The cache file's own lock wait is
 * twice the call timeout, 20 s, far longer than the caller wait.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class BoundedWaitTests {

    private static final Duration CALLER_WAIT = Duration.ofSeconds(1);

    /** Far less than the cache file's lock wait, more than the caller wait on any machine. */
    private static final Duration GIVEN_UP_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path cacheDir;

    private final CountDownLatch release = new CountDownLatch(1);

    private SsoEngine engine;

    private FileChannel heldLock;

    @AfterEach
    void release() throws Exception {
        this.release.countDown();
        if (this.heldLock != null) {
            this.heldLock.close();
        }
        if (this.engine != null) {
            this.engine.close();
        }
    }

    @Test
    void anExplicitRefreshGivesUpOnACacheLockAnotherProcessHolds(IdentityCenterEmulator emulator, MovableClock clock)
            throws Exception {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        start(emulator, clock);
        holdCacheLock();

        assertGivesUpSayingTryAgain(() -> this.engine.refreshNow(), ".lock");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isZero();
        assertThat(this.engine.tokens().lastFailure()).as("nothing failed: the lock holder refreshes").isEmpty();
    }

    @Test
    void theAccountListingGivesUpOnACacheLockAnotherProcessHolds(IdentityCenterEmulator emulator, MovableClock clock)
            throws Exception {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        start(emulator, clock);
        holdCacheLock();
        clock.set(session.expiresAt().plusSeconds(1));

        assertGivesUpSayingTryAgain(() -> this.engine.accounts().all(), ".lock");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void theAccountListingGivesUpOnAListingOfThisApplicationUnderWay(IdentityCenterEmulator emulator,
            MovableClock clock) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        start(emulator, clock);
        emulator.injectFault(Operation.LIST_ACCOUNTS, Fault.holdUntil(this.release).times(1));
        CompletableFuture<?> underWay = CompletableFuture.supplyAsync(() -> this.engine.accounts().all());
        Eventually.await("a listing is on the wire", Duration.ofSeconds(20),
                () -> emulator.callCount(Operation.LIST_ACCOUNTS) == 1);

        assertGivesUpSayingTryAgain(() -> this.engine.accounts().all(), "another request");

        this.release.countDown();
        assertThat(underWay).succeedsWithin(Duration.ofSeconds(20));
        assertThat(this.engine.accounts().all().accounts()).as("the listing both share").isNotEmpty();
        assertThat(emulator.callCount(Operation.LIST_ACCOUNTS)).isOne();
    }

    @Test
    void anExplicitRefreshGivesUpOnARefreshOfThisApplicationUnderWay(IdentityCenterEmulator emulator,
            MovableClock clock) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        start(emulator, clock);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.holdUntil(this.release).times(1));
        CompletableFuture<SsoToken> underWay = CompletableFuture.supplyAsync(() -> this.engine.tokens().refreshNow());
        Eventually.await("a refresh is on the wire", Duration.ofSeconds(20),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 1);

        assertGivesUpSayingTryAgain(() -> this.engine.refreshNow(), "under way");

        this.release.countDown();
        assertThat(underWay).succeedsWithin(Duration.ofSeconds(20));
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
    }

    @Test
    void closingReturnsAtOnceWhileACompletingSignInWaitsForTheCacheLock() throws Exception {
        // on the system clock: the emulator paces device-code polls by its clock
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start()) {
            this.engine = SsoEngine.create(EngineFixture.settings(emulator),
                    EngineFixture.options(emulator, this.cacheDir).callerWait(CALLER_WAIT).build());
            holdCacheLock();
            LoginAttempt attempt = this.engine.login().start(LoginFlow.DEVICE_CODE, false);
            Eventually.await("a first poll", Duration.ofSeconds(20),
                    () -> emulator.callCount(Operation.CREATE_TOKEN) > 0);
            emulator.approveDevice(attempt.prompt().userCode());
            // the token is in use, and its write waits for the lock
            Eventually.await("the sign-in's token arrived", Duration.ofSeconds(20),
                    () -> this.engine.tokens().currentToken().isPresent());
            assertThat(attempt.state()).isEqualTo(LoginAttempt.State.PENDING);

            long closing = System.nanoTime();
            this.engine.close();
            Duration closed = Duration.ofNanos(System.nanoTime() - closing);

            assertThat(closed).as("while the lock is held for 20 s more").isLessThan(Duration.ofSeconds(5));
            Eventually.await("the sign-in ended", Duration.ofSeconds(5), () -> attempt.completion().isDone());
        }
    }

    /** An engine without background maintenance: only the test's calls refresh. */
    private void start(IdentityCenterEmulator emulator, MovableClock clock) {
        this.engine = SsoEngine.create(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).callerWait(CALLER_WAIT).build(), clock);
    }

    /** Locks the cache file's lock through a channel of its own, as another process would. */
    private void holdCacheLock() throws Exception {
        Path lockFile = Path.of(TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).path() + ".lock");
        Files.createDirectories(lockFile.getParent());
        this.heldLock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.heldLock.lock();
    }

    private void assertGivesUpSayingTryAgain(ThrowingCallable call, String holder) {
        long started = System.nanoTime();
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(call)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
            .withMessageContaining(holder)
            .withMessageContaining("try again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(GIVEN_UP_WITHIN);
    }
}
