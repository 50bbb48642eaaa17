package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A machine's clock that is off: expiries are AWS's, read with the skew measured from the {@code Date} of AWS's
 * answers; waits after a failure are on the monotonic clock, whatever the wall clock does.
 */
class ClockTests {

    /** As WSL and VMs drift after a sleep. */
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @TempDir
    Path cacheDir;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = this.closing.size() - 1; i >= 0; i--) {
            this.closing.get(i).close();
        }
    }

    @Test
    void aWallClockSetBackDoesNotStretchTheWaitAfterAFailedFetch() {
        MovableClock clock = MovableClock.startingNow();
        IdentityCenterEmulator emulator = emulator(clock);
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        RefreshingCredentialsProvider provider = engine(emulator, clock).credentialsProvider();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.status(500, "InternalServerException").times(SdkAttempts.PER_CALL));
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
            .withMessageContaining("InternalServerException");

        clock.advance(TEN_MINUTES.negated());

        Eventually.await("credentials after the backoff of " + EngineFixture.BACKOFF.initial(), Duration.ofSeconds(30),
                () -> {
                    try {
                        return provider.resolveCredentials().accessKeyId().startsWith("ASIA");
                    }
                    catch (SsoSessionException ex) {
                        return false;
                    }
                });
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(SdkAttempts.PER_CALL + 1);
    }

    @Test
    void aClockBehindAwsNeverServesCredentialsPastTheirEnd() {
        MovableClock aws = MovableClock.startingNow();
        MovableClock local = new MovableClock(aws.instant().minus(TEN_MINUTES));
        IdentityCenterEmulator emulator = emulator(aws);
        emulator.setTokenLifetime(Duration.ofHours(8));
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = engine(emulator, local);
        RefreshingCredentialsProvider provider = engine.credentialsProvider();

        AwsSessionCredentials first;
        try (LogCapture logs = new LogCapture()) {
            first = provider.resolveCredentials();
            assertThat(logs.warnings()).singleElement().asString().contains("behind AWS's", "NTP");
        }
        assertThat(provider.clockSkew()).hasValueSatisfying(
                (skew) -> assertThat(skew).isCloseTo(TEN_MINUTES, Duration.ofSeconds(2)));
        assertThat(engine.status().warnings()).anySatisfy(
                (warning) -> assertThat(warning).contains("This machine's clock is", "behind AWS's"));
        assertThat(engine.status().credentialsTimeLeft()).as("the time left that metrics show, on this machine's clock")
            .hasValueSatisfying((left) -> assertThat(left).isCloseTo(Duration.ofHours(1), Duration.ofSeconds(5)));

        // past the credentials' end on AWS's clock, five minutes before it on this machine's
        aws.advance(Duration.ofMinutes(65));
        local.advance(Duration.ofMinutes(65));

        AwsSessionCredentials served = provider.resolveCredentials();
        assertThat(served.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(served.expirationTime().orElseThrow()).isAfter(aws.instant());
        assertThat(engine.status().credentials().expiresAt()).isAfter(aws.instant());
    }

    @Test
    void aClockAheadOfAwsByMoreThanTheLifetimeServesFromMemory() {
        MovableClock aws = MovableClock.startingNow();
        MovableClock local = new MovableClock(aws.instant().plus(Duration.ofHours(2)));
        IdentityCenterEmulator emulator = emulator(aws);
        emulator.setTokenLifetime(Duration.ofHours(8));
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = engine(emulator, local);
        RefreshingCredentialsProvider provider = engine.credentialsProvider();

        AwsSessionCredentials first = provider.resolveCredentials();
        for (int i = 0; i < 100; i++) {
            assertThat(provider.resolveCredentials()).isSameAs(first);
        }

        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
        assertThat(provider.clockSkew()).hasValueSatisfying(
                (skew) -> assertThat(skew).isCloseTo(Duration.ofHours(-2), Duration.ofSeconds(2)));
        assertThat(engine.status().state()).isEqualTo(dev.awssso.core.status.SessionState.ACTIVE);
        assertThat(engine.status().warnings()).anySatisfy(
                (warning) -> assertThat(warning).contains("This machine's clock is", "ahead of AWS's"));
    }

    @Test
    void aClockThatAgreesWithAwsIsNotReported() {
        MovableClock clock = MovableClock.startingNow();
        IdentityCenterEmulator emulator = emulator(clock);
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = engine(emulator, clock);

        AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();

        assertThat(engine.credentialsProvider().clockSkew()).isEmpty();
        assertThat(engine.status().warnings()).noneSatisfy((warning) -> assertThat(warning).contains("clock"));
        assertThat(served.expirationTime().orElseThrow())
            .isCloseTo(clock.instant().plus(Duration.ofHours(1)), within(1, ChronoUnit.SECONDS));
    }

    private IdentityCenterEmulator emulator(MovableClock clock) {
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start(clock);
        this.closing.add(emulator);
        return emulator;
    }

    private SsoEngine engine(IdentityCenterEmulator emulator, MovableClock clock) {
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build(), clock);
        this.closing.add(engine);
        return engine;
    }
}
