package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.token.CacheFiles;
import dev.awssso.core.token.FaultyFileSystem;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A cache directory that another user could change is refused at start-up with the command that fixes it, as ssh
 * refuses such a {@code ~/.ssh}; a linked or read-only one is used, and one the engine creates is 0700.
 */
class CacheDirectorySafetyTests {

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    @BeforeEach
    void startEmulator() {
        this.emulator = IdentityCenterEmulator.start();
    }

    @AfterEach
    void stopEmulator() {
        this.emulator.close();
    }

    @Test
    void refusesADirectoryOthersCanWrite() throws IOException {
        Path cache = directory("rwxrwxrwx");
        assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> start(cache))
            .satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
                assertThat(problem.description()).contains(cache.toString(), "rwxrwxrwx");
                assertThat(problem.action()).isEqualTo("run `chmod 700 " + cache + "`.");
            }));
        assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> start(directory("rwxrwx---")));
    }

    @Test
    void refusesADirectoryOfAnotherUser() throws IOException {
        Path cache = directory("rwx------");
        UserPrincipal nobody = cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(cache, nobody);
        assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> start(cache))
            .satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
                assertThat(problem.description()).contains("belongs to user nobody");
                assertThat(problem.action()).contains("chmod 700 " + cache);
            }));
    }

    @Test
    void acceptsAReadOnlyMountOfADirectoryThatAnotherUserOwns() throws IOException {
        // docker run -v ~/.aws:/root/.aws:ro: the files belong to the host's user, the application runs as root
        Path cache = directory("rwx------");
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(cache);
        UserPrincipal nobody = cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(cache, nobody);
        FaultyFileSystem mount = new FaultyFileSystem();
        mount.readOnly();

        try (SsoEngine engine = start(mount.wrap(cache))) {
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        }
    }

    @Test
    void followsALinkedDirectoryAndJudgesItsTarget() throws IOException {
        Path dotfiles = directory("rwx------");
        Path linked = Files.createSymbolicLink(this.home.resolve("linked"), dotfiles);
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(dotfiles);
        try (SsoEngine engine = start(linked)) {
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).isNotBlank();
        }
        Files.setPosixFilePermissions(dotfiles, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> start(linked));
    }

    @Test
    void usesAReadOnlyDirectory() throws IOException {
        Path cache = directory("rwx------");
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(cache);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-x------"));
        try (SsoEngine engine = start(cache)) {
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).isNotBlank();
        }
    }

    @Test
    void createsTheDirectoryForTheOwnerOnly() throws IOException {
        Path cache = this.home.resolve(".aws/sso/cache");
        CacheFiles.writeAtomically(cache.resolve("token.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(cache.getParent().getParent()))
            .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        start(cache).close();
    }

    private Path directory(String mode) throws IOException {
        Path directory = Files.createDirectories(this.home.resolve("cache-" + mode.replace('-', '_')));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(mode));
        return directory;
    }

    private SsoEngine start(Path cacheDir) {
        return SsoEngine.start(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, cacheDir).build());
    }
}
