package dev.awssso.core.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * A symbolic link that another user plants in the cache directory is never followed: not by a write (even when
 * swapped in for the temporary file between two steps), nor by a read of the token or the lock file.
 */
class CacheSymlinkTests {

    private static final String PRECIOUS = "someone else's file";

    @TempDir
    Path cacheDir;

    @TempDir
    Path elsewhere;

    @Test
    void aWriteNeverFollowsALinkSwappedInForItsTemporaryFile() throws IOException {
        Path victim = victim();
        FaultyFileSystem files = new FaultyFileSystem();
        files.beforeEachOpen((real) -> {
            boolean temporary = real.getFileName().toString().endsWith(".tmp");
            if (temporary && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                swapForLink(real, victim);
            }
        });
        Path token = files.wrap(this.cacheDir).resolve("token.json");

        CacheFiles.writeAtomically(token, "{\"accessToken\": \"new\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
        assertThat(Files.isSymbolicLink(this.cacheDir.resolve("token.json"))).isFalse();
        assertThat(Files.readString(this.cacheDir.resolve("token.json"))).contains("new");
    }

    @Test
    void aReadOfATokenFileNeverFollowsALink() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, "my-sso");
        Files.createSymbolicLink(file.path(), victim());

        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("is a symbolic link, which is not followed")
            .withMessageNotContaining(PRECIOUS);
        assertThatIOException().isThrownBy(() -> CacheFiles.readNoFollow(file.path()));
    }

    @Test
    void theLockFileIsNotCreatedThroughALink() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, "my-sso");
        Path planted = this.elsewhere.resolve("created-through-the-link");
        Files.createSymbolicLink(file.path().resolveSibling(file.path().getFileName() + ".lock"), planted);

        file.write(new SsoToken("access", Instant.parse("2026-11-27T10:00:00Z"), null, null, null, null, null, null,
                Map.of()));

        assertThat(planted).doesNotExist();
        assertThat(file.read()).isPresent();
    }

    private Path victim() throws IOException {
        return Files.writeString(this.elsewhere.resolve("victim.txt"), PRECIOUS);
    }

    private static void swapForLink(Path file, Path target) {
        try {
            Files.delete(file);
            Files.createSymbolicLink(file, target);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
