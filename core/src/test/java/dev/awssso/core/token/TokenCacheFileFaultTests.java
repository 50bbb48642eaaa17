package dev.awssso.core.token;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token cache file on machines that fail: writes refused by the file system, file systems without locks,
 * the same file reached through two paths in one JVM. The failures come from {@link FaultyFileSystem}, so they
 * also hold when the tests run as root.
 */
class TokenCacheFileFaultTests {

    private static final SsoToken OLD = token("old-access");

    private static final SsoToken NEW = token("new-access");

    @TempDir
    Path cacheDir;

    private final FaultyFileSystem fileSystem = new FaultyFileSystem();

    static Stream<Arguments> writeFailures() {
        return Stream.of(
                Arguments.of("disk full", (Consumer<FaultyFileSystem>) FaultyFileSystem::diskFull,
                        "No space left on device"),
                Arguments.of("read-only mount", (Consumer<FaultyFileSystem>) FaultyFileSystem::readOnly,
                        "Read-only file system"),
                Arguments.of("refused rename", (Consumer<FaultyFileSystem>) FaultyFileSystem::refuseRenames,
                        "Operation not permitted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeFailures")
    void aFailedWriteNamesTheFileAndTheReasonAndLeavesThePreviousFileAlone(String name,
            Consumer<FaultyFileSystem> fault, String reason) throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.fileSystem.wrap(this.cacheDir), "my-sso");
        file.write(OLD);
        fault.accept(this.fileSystem);

        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(() -> file.write(NEW))
            .withMessageContaining(file.path().toString())
            .withMessageContaining(reason)
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("access"));

        this.fileSystem.heal();
        assertThat(file.read().orElseThrow().accessToken()).isEqualTo("old-access");
        try (Stream<Path> entries = Files.list(this.cacheDir)) {
            assertThat(entries.map((path) -> path.getFileName().toString()))
                .as("no temporary file is left behind")
                .containsExactly(file.path().getFileName().toString());
        }
    }

    @Test
    void theDirectoryIsSyncedAfterTheRename() {
        TokenCacheFile file = TokenCacheFile.of(this.fileSystem.wrap(this.cacheDir), "my-sso");

        file.write(NEW);

        List<String> operations = this.fileSystem.operations();
        assertThat(operations).endsWith("move " + file.path().getFileName(), "force " + this.cacheDir.getFileName());
    }

    @Test
    void withoutLockSupportTheActionRunsAndThatIsLoggedOnce() {
        TokenCacheFile file = TokenCacheFile.of(this.fileSystem.wrap(this.cacheDir), "my-sso");
        this.fileSystem.noLocks();
        try (LogCapture log = new LogCapture()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(file.underLock(() -> "done")).isEqualTo("done");
            }

            assertThat(log.warnings()).singleElement()
                .satisfies((warning) -> assertThat(warning).contains(file.path() + ".lock")
                    .contains("No locks available"));
        }
    }

    @Test
    void inAReadOnlyDirectoryTheActionRunsWithoutTheLockFile() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.fileSystem.wrap(this.cacheDir), "my-sso");
        file.write(OLD);
        this.fileSystem.readOnly();
        try (LogCapture log = new LogCapture()) {
            assertThat(file.underLock(() -> file.read().orElseThrow().accessToken())).isEqualTo("old-access");
            assertThat(file.underLock(() -> "again")).isEqualTo("again");

            assertThat(log.warnings()).singleElement()
                .satisfies((warning) -> assertThat(warning).contains("Read-only file system"));
        }
        assertThat(Path.of(file.path() + ".lock")).doesNotExist();
    }

    @Test
    void twoFilesReachingTheSameFileThroughASymlinkedDirectoryTakeTurns() throws Exception {
        Path real = Files.createDirectories(this.cacheDir.resolve("real"));
        Path link = Files.createSymbolicLink(this.cacheDir.resolve("link"), real);
        TokenCacheFile direct = TokenCacheFile.of(real, "my-sso", Duration.ofSeconds(30));
        TokenCacheFile throughLink = TokenCacheFile.of(link, "my-sso", Duration.ofSeconds(30));

        assertSecondWaitsForFirst(direct, throughLink);
    }

    @Test
    void aFileLockHeldThroughAnotherChannelOfThisJvmIsWaitedFor() throws Exception {
        // an engine of another class loader (a DevTools restart) has its own lock map: only the file lock is shared
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, "my-sso", Duration.ofSeconds(30));
        Files.createDirectories(this.cacheDir);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter;
        try (FileChannel other = FileChannel.open(Path.of(file.path() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            other.lock();
            waiter = start(() -> file.underLock(() -> order.add("waiter")), failure);

            awaitWaiting(waiter, failure);
            assertThat(order).as("not while the other channel holds the lock").isEmpty();
            order.add("released");
        }
        assertThat(ended(waiter)).isTrue();
        assertThat(failure.get()).isNull();
        assertThat(order).containsExactly("released", "waiter");
    }

    /**
     * Holds {@code first}'s lock while {@code second} asks for its own, checks that {@code second} waits (rather
     * than failing), then lets it go on.
     */
    private void assertSecondWaitsForFirst(TokenCacheFile first, TokenCacheFile second) throws Exception {
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder = start(() -> first.underLock(() -> {
            order.add("first in");
            firstHolds.countDown();
            await(releaseFirst);
            order.add("first out");
            return null;
        }), failure);
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
        Thread waiter = start(() -> second.underLock(() -> order.add("second in")), failure);

        awaitWaiting(waiter, failure);
        assertThat(order).containsExactly("first in");
        releaseFirst.countDown();

        assertThat(ended(holder)).isTrue();
        assertThat(ended(waiter)).isTrue();
        assertThat(failure.get()).isNull();
        assertThat(order).containsExactly("first in", "first out", "second in");
    }

    /** Waits until {@code thread} waits (for a lock, or between polls of the file lock) or has ended. */
    private static void awaitWaiting(Thread thread, AtomicReference<Throwable> failure) {
        Eventually.await("the second thread waits for the lock", Duration.ofSeconds(30),
                () -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING
                        || !thread.isAlive());
        assertThat(failure.get()).as("waiting, not failing").isNull();
        assertThat(thread.isAlive()).isTrue();
    }

    private static Thread start(Runnable action, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                action.run();
            }
            catch (Throwable ex) {
                failure.compareAndSet(null, ex);
            }
        });
        thread.start();
        return thread;
    }

    private static boolean ended(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return !thread.isAlive();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static SsoToken token(String accessToken) {
        return new SsoToken(accessToken, Instant.parse("2026-11-27T10:00:00Z"), null, null, null, null, null, null,
                Map.of());
    }
}
