package dev.awssso.core.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.core.token.FaultyFileSystem;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read-only token cache directory, as a container gets the host's sign-in with
 * {@code -v ~/.aws:/root/.aws:ro}: the application starts, serves credentials and refreshes the token in
 * memory, saying once that refreshed tokens stay there. The mount is played by {@link FaultyFileSystem}, so the
 * test also holds as root, whom file modes do not stop.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ReadOnlyCacheTests {

    @TempDir
    Path cacheDir;

    @Test
    void aReadOnlyCacheDirectoryStartsServesAndRefreshesInMemorySayingSoOnce(IdentityCenterEmulator emulator)
            throws Exception {
        emulator.setTokenLifetime(Duration.ofSeconds(2));
        emulator.setCredentialsLifetime(Duration.ofHours(1));
        EmulatedSession session = emulator.signIn(Hardening.SESSION);
        Path file = session.writeCacheFile(this.cacheDir);
        byte[] onDisk = Files.readAllBytes(file);
        FaultyFileSystem fileSystem = new FaultyFileSystem();
        fileSystem.readOnly();

        try (LogCapture log = new LogCapture();
                SsoEngine engine = SsoEngine.start(Hardening.settings(),
                        Hardening.options(emulator.endpoint(), fileSystem.wrap(this.cacheDir)).build())) {
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");

            // each refresh rotates the refresh token: the third only works with the second's, kept in memory
            Eventually.await("the token was refreshed three times", Duration.ofSeconds(20),
                    () -> emulator.callCount(Operation.CREATE_TOKEN) >= 3);

            SessionStatus status = engine.status();
            assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(status.warnings()).singleElement()
                .satisfies((warning) -> assertThat(warning).contains(file.toString())
                    .contains("Read-only file system")
                    .contains("memory only"));
            assertThat(engine.tokens().currentToken().orElseThrow().accessToken())
                .isNotEqualTo(session.accessToken());
            assertThat(engine.tokens().sessionEnd()).isEmpty();
            assertThat(Files.readAllBytes(file)).as("the read-only file is left as it is").isEqualTo(onDisk);
            assertThat(log.warnings().stream().filter((warning) -> warning.contains("memory only")))
                .as("said once, not at every refresh").hasSize(1);
            assertThat(log.warnings().stream().filter((warning) -> warning.contains(".lock")))
                .as("the lock file is given up once").hasSize(1);
        }
    }
}
