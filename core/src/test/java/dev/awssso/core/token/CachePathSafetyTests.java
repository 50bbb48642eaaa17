package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every read of the token looks at the way to it and at the file's owner again, not only at start-up. */
class CachePathSafetyTests {

    private static final SsoToken TOKEN = new SsoToken("access", Instant.parse("2030-01-01T00:00:00Z"), "refresh",
            "client", "secret", Instant.parse("2030-01-01T00:00:00Z"), "us-east-1", "https://d-1.awsapps.com/start",
            Map.of());

    @TempDir
    Path temp;

    @Test
    void readsThroughDirectoriesOnlyItsOwnerCanChange() throws IOException {
        TokenCacheFile file = cacheFile(Files.createDirectories(this.temp.resolve("home/.aws/sso/cache")));
        file.write(TOKEN);
        assertThat(file.read()).contains(TOKEN);
    }

    @Test
    void aDirectoryOnTheWayThatOthersCanWriteIsRefusedAtTheNextRead() throws IOException {
        Path sso = Files.createDirectories(this.temp.resolve("home/.aws/sso"));
        TokenCacheFile file = cacheFile(Files.createDirectories(sso.resolve("cache")));
        file.write(TOKEN);
        assertThat(file.read()).contains(TOKEN);

        Files.setPosixFilePermissions(sso, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("The directory " + sso.toRealPath())
            .withMessageContaining("chmod go-w");
    }

    @Test
    void aStickyDirectoryOnTheWayIsFineAsTmpIs() throws IOException {
        Path shared = Files.createDirectories(this.temp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        TokenCacheFile file = cacheFile(Files.createDirectories(shared.resolve("cache")));
        file.write(TOKEN);
        assertThat(file.read()).contains(TOKEN);
    }

    @Test
    void aTokenFileOfAnotherUserIsRefused() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to the user nobody");
        Path cache = Files.createDirectories(this.temp.resolve("home/.aws/sso/cache"));
        TokenCacheFile file = cacheFile(cache);
        file.write(TOKEN);
        Files.setOwner(file.path(), cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("belongs to user nobody")
            .withMessageNotContaining("access");
    }

    private static TokenCacheFile cacheFile(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        return TokenCacheFile.of(directory, "my-sso", Duration.ofSeconds(30));
    }
}
