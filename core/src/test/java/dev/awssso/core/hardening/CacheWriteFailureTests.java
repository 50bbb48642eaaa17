package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.FaultyFileSystem;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token cache the engine cannot write to or lock costs a warning, never the session: the refreshed token is
 * used from memory and written at the next check once the disk works again, and a file system without locks is
 * used without them. The failures come from {@link FaultyFileSystem}, so they also hold as root.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class CacheWriteFailureTests {

    @TempDir
    Path cacheDir;

    private final FaultyFileSystem fileSystem = new FaultyFileSystem();

    private final List<SsoEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        this.engines.forEach(SsoEngine::close);
    }

    @Test
    void aFullDiskCostsAWarningAndTheWriteIsRetriedAtTheNextCheck(IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);
        SsoToken signedIn = engine.tokens().usableToken();
        this.fileSystem.diskFull();

        SsoToken refreshed = engine.tokens().refreshNow();

        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        assertThat(engine.status().warnings()).singleElement()
            .satisfies((warning) -> assertThat(warning).contains(TokenCacheFile.of(this.cacheDir, Hardening.SESSION)
                .path()
                .toString()).contains("No space left on device"));
        assertThat(readAccessToken()).isEqualTo(signedIn.accessToken());

        this.fileSystem.heal();

        Eventually.await("the pending write was made", Duration.ofSeconds(10),
                () -> engine.tokens().pendingWrite().isEmpty());
        assertThat(readAccessToken()).isEqualTo(refreshed.accessToken());
        assertThat(engine.status().warnings()).isEmpty();
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("written, not refreshed again").isEqualTo(1);
    }

    @Test
    void withoutLockSupportTheTokenIsRefreshedAndThatIsSaidOnce(IdentityCenterEmulator emulator) {
        emulator.setTokenLifetime(Duration.ofSeconds(2));
        emulator.setCredentialsLifetime(Duration.ofHours(1));
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        this.fileSystem.noLocks();
        try (LogCapture log = new LogCapture()) {
            SsoEngine engine = start(emulator);

            Eventually.await("the token was refreshed three times", Duration.ofSeconds(20),
                    () -> emulator.callCount(Operation.CREATE_TOKEN) >= 3);

            assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
            assertThat(engine.tokens().lastFailure()).isEmpty();
            // a refresh adopts the new token a moment before writing it
            Eventually.await("the file holds the token in use, for the CLI and the other SDKs",
                    Duration.ofSeconds(10), () -> readAccessToken()
                        .equals(engine.tokens().currentToken().orElseThrow().accessToken()));
            assertThat(log.warnings()).singleElement()
                .satisfies((warning) -> assertThat(warning).contains("No locks available"));
        }
    }

    private String readAccessToken() {
        return TokenCacheFile.of(this.cacheDir, Hardening.SESSION).read().orElseThrow().accessToken();
    }

    private SsoEngine start(IdentityCenterEmulator emulator) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.fileSystem.wrap(this.cacheDir)).build());
        this.engines.add(engine);
        return engine;
    }
}
