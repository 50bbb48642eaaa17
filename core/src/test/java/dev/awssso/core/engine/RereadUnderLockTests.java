package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token cache file is read again once its lock is held: a token another process rotated while this engine
 * waited for the lock is adopted, not refreshed a second time. In one JVM: the test holds the lock as the other
 * process would, lets the engine decide to refresh and queue for the lock, rotates the token with the AWS CLI's
 * calls and writes it, and only then lets go.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class RereadUnderLockTests {

    @TempDir
    Path cacheDir;

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private SsoEngine engine;

    private AwsCli otherProcess;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator, MovableClock clock) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build(), clock);
        this.engine.addListener(this.events::add);
        this.otherProcess = new AwsCli(emulator, this.cacheDir, EngineFixture.SESSION, clock);
    }

    @AfterEach
    void close() {
        this.engine.close();
        this.otherProcess.close();
    }

    @Test
    void aTokenRotatedWhileTheEngineWaitedForTheLockIsAdoptedNotRefreshedAgain(IdentityCenterEmulator emulator,
            MovableClock clock) {
        this.engine.credentialsProvider().resolveCredentials();
        SsoToken held = this.engine.tokens().currentToken().orElseThrow();
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION);

        SsoToken rotated = file.underLock(() -> {
            // into the token's refresh window (the credentials are not due): the background refresh is due
            clock.advance(Duration.ofMinutes(50));
            Eventually.await("the engine waits for the lock to refresh", Duration.ofSeconds(30),
                    RereadUnderLockTests::anEngineThreadWaitsForTheLock);
            assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("nothing refreshed before the lock").isZero();
            // the other process refreshes and writes while it holds the lock
            return this.otherProcess.refresh(held);
        });

        Eventually.await("the engine holds the rotated token", Duration.ofSeconds(30),
                () -> this.engine.tokens().currentToken().orElseThrow().sameAccessToken(rotated));
        Eventually.await("the engine no longer waits for the lock", Duration.ofSeconds(30),
                () -> !anEngineThreadWaitsForTheLock());
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("CreateToken calls: the other process's only")
            .isEqualTo(1);
        assertThat(this.engine.tokens().lastFailure()).isEmpty();
        assertThat(this.engine.tokens().sessionEnd()).isEmpty();
        assertThat(file.read().orElseThrow().sameAccessToken(rotated)).as("the file keeps the rotated token")
            .isTrue();
        assertThat(this.events).noneMatch((event) -> event instanceof SessionEvent.RefreshFailed
                || event instanceof SessionEvent.SignedIn);
    }

    /** Whether a thread of an engine waits in {@link TokenCacheFile#underLock} for the lock the test holds. */
    private static boolean anEngineThreadWaitsForTheLock() {
        return Thread.getAllStackTraces().entrySet().stream()
            .filter((entry) -> entry.getKey() != Thread.currentThread())
            .filter((entry) -> entry.getKey().getName().startsWith("aws-sso-"))
            .filter((entry) -> entry.getKey().getState() == Thread.State.WAITING
                    || entry.getKey().getState() == Thread.State.TIMED_WAITING)
            .anyMatch((entry) -> Arrays.stream(entry.getValue())
                .anyMatch((frame) -> frame.getClassName().equals(TokenCacheFile.class.getName())
                        && frame.getMethodName().equals("underLock")));
    }
}
