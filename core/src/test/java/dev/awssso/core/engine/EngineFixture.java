package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.emulator.IdentityCenterEmulator;

/** Settings and options that point an engine at an emulator, with timings fit for seconds-long lifetimes. */
final class EngineFixture {

    static final String SESSION = "my-sso";

    static final String ACCOUNT = "111122223333";

    static final String ROLE = "ReadOnly";

    /** Waits between failed attempts: 50 ms doubling to 400 ms. */
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    private EngineFixture() {
    }

    static SsoSettings settings(IdentityCenterEmulator emulator, String sessionName) {
        return new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), sessionName,
                emulator.startUrl(), emulator.ssoRegion(), ACCOUNT, ROLE, List.of("sso:account:access"), "eu-west-1");
    }

    static SsoSettings settings(IdentityCenterEmulator emulator) {
        return settings(emulator, SESSION);
    }

    static EngineOptions.Builder options(IdentityCenterEmulator emulator, Path cacheDir) {
        return EngineOptions.builder(cacheDir)
            .endpoints(SsoEndpoints.all(emulator.endpoint()))
            .checkInterval(Duration.ofMillis(50))
            .backoff(BACKOFF)
            .credentialsStaleMargin(Duration.ofMillis(500))
            .callerWait(Duration.ofSeconds(10))
            .timeouts(new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }
}
