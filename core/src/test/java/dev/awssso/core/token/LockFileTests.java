package dev.awssso.core.token;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lock file is the owner's only, so that no other user of the machine can take its lock. */
class LockFileTests {

    /** Far longer than a test should ever wait: the lock of another user must not be waited for at all. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void aNewLockFileIsTheOwnersOnly() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.directory, "my-sso", LOCK_WAIT);
        file.underLock(() -> null);
        assertThat(mode(lockFile(file))).isEqualTo("rw-------");
    }

    @Test
    void aLockFileOthersCouldOpenIsMadeTheOwnersOnly() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.directory, "my-sso", LOCK_WAIT);
        Path lock = lockFile(file);
        Files.createFile(lock, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        file.underLock(() -> null);

        assertThat(mode(lock)).isEqualTo("rw-------");
    }

    @Test
    void aLockFileOfAnotherUserIsReplacedByOneOfTheOwners() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to the user nobody");
        TokenCacheFile file = TokenCacheFile.of(this.directory, "my-sso", LOCK_WAIT);
        Path lock = lockFile(file);
        Files.createFile(lock);
        Files.setOwner(lock, lock.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Object before = Files.readAttributes(lock, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();

        file.underLock(() -> null);

        assertThat(Files.getOwner(lock, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(Files.readAttributes(lock, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())
            .isNotEqualTo(before);
        assertThat(mode(lock)).isEqualTo("rw-------");
    }

    @Test
    @Tag("isolated")
    void aLockAnotherUserHoldsOnAnOldLockFileStallsNoRefresh() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to hold a lock as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        TokenCacheFile file = TokenCacheFile.of(this.directory, "my-sso", LOCK_WAIT);
        Path lock = lockFile(file);
        Files.createFile(lock, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Path holder = Files.writeString(this.directory.resolve("Hold.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ);
                        channel.lock(0, Long.MAX_VALUE, true);
                        System.out.println("LOCKED");
                        Thread.sleep(120_000);
                    }
                }
                """);
        Files.setPosixFilePermissions(holder, PosixFilePermissions.fromString("rw-r--r--"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process nobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, holder.toString(), lock.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(nobody.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the user nobody holds a shared lock").isEqualTo("LOCKED");
            long started = System.nanoTime();

            assertThat(file.underLock(() -> "refreshed")).isEqualTo("refreshed");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LOCK_WAIT);
        }
        finally {
            nobody.destroyForcibly();
            nobody.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static Path lockFile(TokenCacheFile file) {
        return file.path().resolveSibling(file.path().getFileName() + ".lock");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }
}
