package dev.awssso.core.token;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoClients;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.AwsCli;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SdkAttempts;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One backoff for every path that refreshes the token: however many threads (or roles) ask while SSO OIDC fails,
 * one {@code CreateToken} goes out per backoff window; the window runs on the monotonic clock, whatever the wall
 * clock does; and a token another process refreshed meanwhile ends the wait and the failure at once.
 */
class TokenBackoffTests {

    private static final String SESSION = "my-sso";

    /** Half a minute to a minute: no second window within a test. */
    private static final RetryBackoff LONG_BACKOFF = new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SsoOidcClient oidc = SsoClients.oidc(this.emulator.ssoRegion(), this.emulator.endpoint(),
            new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));

    private final List<Instant> signIns = new ArrayList<>();

    @TempDir
    Path cacheDir;

    @AfterEach
    void close() {
        this.oidc.close();
        this.emulator.close();
    }

    @Test
    void threadsAskingWhileOidcFailsMakeOneCreateTokenPerBackoffWindow() throws Exception {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(LONG_BACKOFF);
        manager.reloadIfChanged();
        this.clock.set(session.expiresAt().plusSeconds(1));
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(500, "InternalServerException"));

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<SsoToken>> asked = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < threads; i++) {
                asked.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return manager.usableToken();
                }, pool));
            }
            start.countDown();
            for (CompletableFuture<SsoToken> answer : asked) {
                assertThat(catchThrowable(() -> answer.get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(SsoSessionException.class,
                            (ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining("InternalServerException");
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).as("one call, with the SDK's own attempts")
            .isEqualTo(SdkAttempts.PER_CALL);

        assertThatExceptionOfType(SsoSessionException.class).as("a later caller in the same window")
            .isThrownBy(manager::usableToken)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
            .withMessageContaining("InternalServerException")
            .withMessageContaining("next try in");
        assertThatExceptionOfType(SsoSessionException.class).as("a token the portal rejected in the same window")
            .isThrownBy(() -> manager.replaceRejectedToken(manager.currentToken().orElseThrow()))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE));
        manager.refreshIfDue();
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(SdkAttempts.PER_CALL);

        this.emulator.clearFaults();
        SsoToken refreshed = manager.refreshNow();
        assertThat(refreshed.expiresAt()).as("an explicit refresh does not wait").isAfter(this.clock.instant());
        assertThat(manager.usableToken()).isEqualTo(refreshed);
        assertThat(manager.lastFailure()).isEmpty();
    }

    @Test
    void aWallClockSteppedBackDoesNotStretchTheBackoff() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(new RetryBackoff(Duration.ofMillis(200), Duration.ofMillis(200)));
        manager.reloadIfChanged();
        this.clock.set(session.expiresAt().plusSeconds(60));
        this.emulator.injectFault(Operation.CREATE_TOKEN,
                Fault.status(500, "InternalServerException").times(SdkAttempts.PER_CALL));
        manager.refreshIfDue();
        assertThat(manager.lastFailure()).isPresent();

        // NTP, or a virtual machine's clock catching up, steps the wall clock back
        this.clock.advance(Duration.ofMinutes(-10));

        Eventually.await("the token is refreshed once the backoff has passed in real time", Duration.ofSeconds(20),
                () -> {
                    manager.refreshIfDue();
                    return manager.lastFailure().isEmpty();
                });
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(SdkAttempts.PER_CALL + 1);
        assertThat(manager.currentToken().orElseThrow().expiresAt()).isAfter(this.clock.instant());
    }

    @Test
    void aRefreshByAnotherProcessEndsThisProcesssFailureAndItsBackoff() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(LONG_BACKOFF);
        manager.reloadIfChanged();
        Instant signedInAt = manager.signedInAt().orElseThrow();
        this.clock.set(session.expiresAt().minus(Duration.ofMinutes(10)));
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException")
            .times(SdkAttempts.PER_CALL));
        manager.refreshIfDue();
        assertThat(manager.lastFailure()).isPresent();

        try (AwsCli cli = new AwsCli(this.emulator, this.cacheDir, SESSION, this.clock)) {
            SsoToken refreshedByCli = cli.refresh(manager.currentToken().orElseThrow());
            manager.reloadIfChanged();

            assertThat(manager.currentToken().orElseThrow().sameAccessToken(refreshedByCli)).isTrue();
        }
        assertThat(manager.lastFailure()).isEmpty();
        assertThat(manager.lastRefresh()).hasValueSatisfying((record) -> assertThat(record.succeeded()).isTrue());
        assertThat(manager.signedInAt()).as("the same sign-in").hasValue(signedInAt);
        assertThat(this.signIns).hasSize(1);

        this.clock.set(manager.currentToken().orElseThrow().expiresAt().plusSeconds(1));
        assertThat(manager.usableToken().expiresAt()).as("no backoff left to wait out")
            .isAfter(this.clock.instant());
    }

    @Test
    void aRefreshByTheCliWhileThisMachineSleptPastTheTokensExpiryContinuesTheSignIn() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(LONG_BACKOFF);
        manager.reloadIfChanged();
        Instant signedInAt = manager.signedInAt().orElseThrow();
        SsoToken held = manager.currentToken().orElseThrow();

        // the laptop sleeps through the token's expiry; meanwhile the AWS CLI refreshes the expired token
        this.clock.set(held.expiresAt().plus(Duration.ofMinutes(40)));
        try (AwsCli cli = new AwsCli(this.emulator, this.cacheDir, SESSION, this.clock)) {
            SsoToken refreshedByCli = cli.refresh(held);
            manager.reloadIfChanged();

            assertThat(manager.currentToken().orElseThrow().sameAccessToken(refreshedByCli)).isTrue();
        }
        assertThat(manager.signedInAt()).as("the same sign-in, not a new one dated by the sleep")
            .hasValue(signedInAt);
        assertThat(this.signIns).hasSize(1);
    }

    private TokenManager manager(RetryBackoff backoff) {
        SsoSettings settings = new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), SESSION,
                this.emulator.startUrl(), this.emulator.ssoRegion(), "111122223333", "ReadOnly",
                List.of("sso:account:access"), "eu-west-1");
        return new TokenManager(settings, TokenCacheFile.of(this.cacheDir, SESSION, Duration.ofSeconds(10)),
                new TokenRefresher(() -> this.oidc, this.clock), this.clock, Duration.ofMinutes(15), backoff,
                new TokenListener() {

                    @Override
                    public void signedIn(SsoToken token) {
                        TokenBackoffTests.this.signIns.add(TokenBackoffTests.this.clock.instant());
                    }
                });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
