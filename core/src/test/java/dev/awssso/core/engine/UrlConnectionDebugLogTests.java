package dev.awssso.core.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JDK's own debug log of {@code HttpURLConnection} (the SDK's url-connection client) shows when it is
 * turned on: the request headers, the portal's bearer token among them. The README's security notes say so.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class UrlConnectionDebugLogTests {

    private static final String JDK_HTTP_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

    @TempDir
    Path cacheDir;

    @Test
    void theJdksHttpDebugLogShowsTheBearerTokenOnceTurnedOn(IdentityCenterEmulator emulator) {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        Logger jdkHttp = Logger.getLogger(JDK_HTTP_LOGGER);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = jdkHttp.getLevel();
        jdkHttp.setLevel(Level.ALL);
        jdkHttp.addHandler(capture);
        try (SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build())) {
            engine.credentialsProvider().resolveCredentials();
        }
        finally {
            jdkHttp.removeHandler(capture);
            jdkHttp.setLevel(before);
        }
        assertThat(lines).as("requests logged").isNotEmpty();
        assertThat(String.join("\n", lines)).contains(session.accessToken());
    }
}
