package dev.awssso.autoconfigure.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The meters of a real engine on the emulator, with a clock that stands still: the gauges are NaN while the
 * time left is unknown, and {@code aws.sso.refreshes} counts each refresh once under its {@code kind} and
 * {@code outcome}.
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

        this.engine.login().signOut();
        assertThat(gauge("aws.sso.session.remaining")).isNaN();
    }

    @Test
    void countsEachRefreshByKindAndOutcome() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        this.engine.tokens().refreshNow();
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(() -> this.engine.tokens().refreshNow());
        this.emulator.clearFaults();
        this.engine.credentialsProvider().refreshNow();
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.credentialsProvider().refreshNow());
        this.emulator.clearFaults();

        // counted as the events arrive, on the engine's event thread
        await().atMost(Duration.ofSeconds(10))
            .until(() -> refreshCounts().values().stream().mapToDouble(Double::doubleValue).sum() >= 4);
        assertThat(refreshCounts()).isEqualTo(Map.of("credentials/failure", 1.0, "credentials/success", 1.0,
                "token/failure", 1.0, "token/success", 1.0));
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

    private double gauge(String name) {
        return this.registry.get(name).gauge().value();
    }

    /** The refresh counters by {@code kind/outcome}. */
    private Map<String, Double> refreshCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : this.registry.get("aws.sso.refreshes").counters()) {
            counts.put(counter.getId().getTag("kind") + "/" + counter.getId().getTag("outcome"), counter.count());
        }
        return counts;
    }
}
