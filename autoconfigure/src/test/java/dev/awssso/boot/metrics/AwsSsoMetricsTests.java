package dev.awssso.boot.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The meters of a real engine on the emulator, with a clock that stands still: the time gauges are NaN while the
 * time left is unknown, and the refresh timers count and time each call once under its {@code outcome}.
 */
class AwsSsoMetricsTests {

    private static final String SESSION = "corp";

    @TempDir
    Path directory;

    private Path cacheDir;

    private final MovableClock clock = MovableClock.startingNow();

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    @BeforeEach
    void start() {
        this.cacheDir = this.directory.resolve("cache");
        this.emulator = IdentityCenterEmulator.start(this.clock);
        SsoSettings settings = new SsoSettings(SettingsSource.PROPERTIES, SESSION, this.emulator.startUrl(),
                this.emulator.ssoRegion(), IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
                IdentityCenterEmulator.DEFAULT_ROLE_NAME, List.of("sso:account:access"), "eu-west-1");
        EngineOptions options = EngineOptions.builder(this.cacheDir)
            .endpoints(SsoEndpoints.all(this.emulator.endpoint()))
            .checkInterval(Duration.ofMillis(50))
            .build();
        this.engine = SsoEngine.start(settings, options, this.clock);
        AwsSsoMetrics metrics = new AwsSsoMetrics(this.engine::status);
        metrics.bindTo(this.registry);
        this.engine.addListener(metrics);
    }

    @AfterEach
    void stop() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void gaugesAreNaNWhileTheTimeLeftIsUnknown() throws IOException {
        assertThat(gauge("aws.sso.session.remaining")).isNaN();
        assertThat(gauge("aws.sso.token.remaining")).isNaN();
        assertThat(gauge("aws.sso.credentials.remaining")).isNaN();

        signInNowByTheClock();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.tokens().currentToken().isPresent());
        assertThat(gauge("aws.sso.session.remaining")).as("8 hours, in seconds").isEqualTo(8 * 3600.0);
        assertThat(this.registry.get("aws.sso.session.remaining").timeGauge().value(TimeUnit.HOURS)).isEqualTo(8.0);
        assertThat(this.registry.get("aws.sso.session.remaining").timeGauge().getId().getTag("sign-in"))
            .isEqualTo(SESSION);

        this.engine.login().signOut();
        assertThat(gauge("aws.sso.session.remaining")).isNaN();
    }

    @Test
    void timesEachCallThatRefreshesByOutcome() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofMillis(300)));
        this.engine.tokens().refreshNow();
        this.emulator.clearFaults();
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(() -> this.engine.tokens().refreshNow());
        this.emulator.clearFaults();
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofMillis(200)));
        this.engine.credentialsProvider().refreshNow();
        this.emulator.clearFaults();
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.credentialsProvider().refreshNow());
        this.emulator.clearFaults();

        // timed as the events arrive, on the engine's event thread
        await().atMost(Duration.ofSeconds(10)).until(() -> refreshCounts().values().stream().mapToLong(Long::longValue)
            .sum() >= 4);
        assertThat(refreshCounts()).isEqualTo(Map.of("credentials/FAILURE", 1L, "credentials/SUCCESS", 1L,
                "token/FAILURE", 1L, "token/SUCCESS", 1L));
        assertThat(timer("aws.sso.token.refreshes", "SUCCESS").totalTime(TimeUnit.MILLISECONDS))
            .as("CreateToken held for 300 ms")
            .isBetween(300.0, 10_000.0);
        assertThat(timer("aws.sso.credentials.refreshes", "SUCCESS").totalTime(TimeUnit.MILLISECONDS))
            .as("GetRoleCredentials held for 200 ms")
            .isBetween(200.0, 10_000.0);
        assertThat(timer("aws.sso.credentials.refreshes", "SUCCESS").getId().getTag("operation"))
            .isEqualTo("GetRoleCredentials");
        assertThat(timer("aws.sso.token.refreshes", "SUCCESS").getId().getTag("sign-in")).isEqualTo(SESSION);
    }

    /**
     * Signs in and writes the token cache file as last modified now by the clock, the time the engine dates a
     * sign-in by. The file appears at once, with that time, so that the engine never reads it otherwise.
     */
    private void signInNowByTheClock() throws IOException {
        Path staged = this.emulator.signIn(SESSION).writeCacheFile(this.directory.resolve("staging"));
        Files.setLastModifiedTime(staged, FileTime.from(this.clock.instant()));
        assumeTrue(Files.getLastModifiedTime(staged).toMillis() == this.clock.instant().toEpochMilli(),
                "needs file modification times in milliseconds: the engine dates a sign-in by its token file");
        Files.createDirectories(this.cacheDir);
        Files.move(staged, this.cacheDir.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The value of the time gauge of that name, in seconds. */
    private double gauge(String name) {
        return this.registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }

    private Timer timer(String name, String outcome) {
        return this.registry.get(name).tag("outcome", outcome).timer();
    }

    /** The counts of the refresh timers by {@code token|credentials/outcome}. */
    private Map<String, Long> refreshCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String kind : List.of("token", "credentials")) {
            for (Timer timer : this.registry.get("aws.sso." + kind + ".refreshes").timers()) {
                counts.put(kind + "/" + timer.getId().getTag("outcome"), timer.count());
            }
        }
        return counts;
    }
}
