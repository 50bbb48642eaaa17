package dev.awssso.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.account.AccountRoles;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The status snapshot, the events and the warnings that make a session visible. */
@ExtendWith(ClockedEmulatorExtension.class)
class SessionStatusTests {

    /** Past the refresh time of credentials valid for an hour (five minutes before expiry), before they go stale. */
    private static final Duration INTO_CREDENTIALS_REFRESH = Duration.ofMinutes(56);

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private MovableClock clock;

    @BeforeEach
    void shareTheClock(MovableClock clock) {
        this.clock = clock;
    }

    @AfterEach
    void closeEngines() {
        this.engines.forEach(SsoEngine::close);
    }

    @Test
    void signedOutSaysHowToSignIn(IdentityCenterEmulator emulator) {
        SessionStatus status = start(emulator, EngineFixture.options(emulator, this.cacheDir)).status();

        assertThat(status.state()).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(status.nextAction()).contains("aws sso login --sso-session my-sso");
        assertThat(status.token().expiresAt()).isNull();
        assertThat(status.identity().accountId()).isEqualTo(EngineFixture.ACCOUNT);
        assertThat(status.identity().profile()).isEqualTo("dev");
    }

    @Test
    void anActiveSessionShowsExpiriesAndAMaskedKeyButNoSecret(IdentityCenterEmulator emulator) {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        String accessKeyId = engine.credentialsProvider().resolveCredentials().accessKeyId();

        SessionStatus status = engine.status();

        assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(status.token().refreshable()).isTrue();
        assertThat(status.token().expiresAt()).isNotNull();
        assertThat(status.token().nextRefreshAt()).isBefore(status.token().expiresAt());
        assertThat(status.credentials().accessKeyId()).startsWith("ASIA…").endsWith(accessKeyId.substring(16))
            .hasSize(9);
        assertThat(status.credentials().lastRefresh().succeeded()).isTrue();
        assertThat(status.credentials().expiresAt()).isAfter(Instant.now());
        assertThat(status.session().endsAt()).isAfter(Instant.now().plus(Duration.ofHours(7)));
        assertThat(status.session().endConfirmed()).isFalse();
        assertThat(status.toString()).doesNotContain(accessKeyId, session.accessToken(), session.refreshToken(),
                session.clientSecret());
        emulator.issuedSecrets().forEach((secret) -> assertThat(status.toString()).doesNotContain(secret));
    }

    @Test
    void aLegacySignInEndsWithItsTokenAndIsFlagged(IdentityCenterEmulator emulator) {
        emulator.signIn(null).writeCacheFile(this.cacheDir);
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator, null),
                EngineFixture.options(emulator, this.cacheDir).build(), this.clock);
        this.engines.add(engine);

        SessionStatus status = engine.status();

        assertThat(status.token().refreshable()).isFalse();
        assertThat(status.token().notRefreshableReason()).contains("legacy");
        assertThat(status.session().endsAt()).isEqualTo(status.token().expiresAt());
        assertThat(status.session().endConfirmed()).isTrue();
        assertThat(status.warnings()).anySatisfy((warning) -> assertThat(warning).contains("sso-session"));
    }

    @Test
    void transientFaultsShowAsRefreshFailingAndClearOnSuccess(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        engine.credentialsProvider().resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));
        this.clock.advance(INTO_CREDENTIALS_REFRESH);

        Eventually.await("the refresh failed", Duration.ofSeconds(10),
                () -> engine.status().state() == SessionState.REFRESH_FAILING);
        SessionStatus failing = engine.status();
        assertThat(failing.credentials().lastRefresh().succeeded()).isFalse();
        assertThat(failing.credentials().lastRefresh().errorType()).isEqualTo("ServiceUnavailableException");
        assertThat(failing.state().canServeCredentials()).isTrue();
        awaitEvent(SessionEvent.RefreshFailed.class);

        emulator.clearFaults();
        Eventually.await("the refresh recovered", Duration.ofSeconds(10), () -> {
            // each failed attempt waits out its backoff on the engine's clock
            this.clock.advance(EngineFixture.BACKOFF.max());
            return engine.status().state() == SessionState.ACTIVE;
        });
        awaitEvent(SessionEvent.CredentialsRefreshed.class);
    }

    @Test
    void refreshEventsCarryHowLongTheirCallTook(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofMillis(300)));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofMillis(200)));

        engine.tokens().refreshNow();
        engine.credentialsProvider().resolveCredentials();
        emulator.clearFaults();
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(() -> engine.tokens().refreshNow());

        awaitEvent(SessionEvent.RefreshFailed.class);
        assertThat(this.events).filteredOn(SessionEvent.TokenRefreshed.class::isInstance)
            .singleElement()
            .satisfies((event) -> assertThat(((SessionEvent.TokenRefreshed) event).duration())
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(10)));
        assertThat(this.events).filteredOn(SessionEvent.CredentialsRefreshed.class::isInstance)
            .singleElement()
            .satisfies((event) -> assertThat(((SessionEvent.CredentialsRefreshed) event).duration())
                .isBetween(Duration.ofMillis(200), Duration.ofSeconds(10)));
        assertThat(this.events).filteredOn(SessionEvent.RefreshFailed.class::isInstance)
            .singleElement()
            .satisfies((event) -> assertThat(((SessionEvent.RefreshFailed) event).failure().duration())
                .as("a failed call is timed too")
                .isNotNull());
    }

    @Test
    void withoutCredentialsEverFetchedAFailingRefreshIsUnavailableUntilARetrySucceeds(
            IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials());

        SessionStatus unavailable = engine.status();
        assertThat(unavailable.state()).isEqualTo(SessionState.UNAVAILABLE);
        assertThat(unavailable.state().canServeCredentials()).isFalse();
        assertThat(unavailable.credentials().accessKeyId()).isNull();
        assertThat(unavailable.nextAction()).contains("no credentials can be served", "retried in the background");
        assertThat(unavailable.warnings()).anySatisfy((warning) -> assertThat(warning)
            .contains("ServiceUnavailableException"));

        emulator.clearFaults();
        Eventually.await("the retry succeeded", Duration.ofSeconds(30), () -> {
            this.clock.advance(EngineFixture.BACKOFF.max());
            return engine.status().state() == SessionState.ACTIVE;
        });
        assertThat(engine.status().credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void aDeniedRoleMakesTheSessionUnusable(IdentityCenterEmulator emulator) {
        emulator.denyRole(EngineFixture.ACCOUNT, EngineFixture.ROLE);
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        try {
            engine.credentialsProvider().resolveCredentials();
        }
        catch (SsoSessionException expected) {
            // the state tells the rest
        }

        SessionStatus status = engine.status();

        assertThat(status.state()).isEqualTo(SessionState.UNUSABLE);
        assertThat(status.nextAction()).contains("ReadOnly", "111122223333");
    }

    @Test
    void warnsAtEachThresholdAndReportsTheEndedSession(IdentityCenterEmulator emulator) {
        emulator.setSessionDuration(Duration.ofHours(1));
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        try (LogCapture logs = new LogCapture()) {
            SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir)
                .sessionDuration(Duration.ofHours(1))
                .expiryWarnings(List.of(Duration.ofMinutes(30), Duration.ofMinutes(10))));

            this.clock.advance(Duration.ofMinutes(35));
            awaitEvent(SessionEvent.SessionExpiring.class);
            this.clock.advance(Duration.ofMinutes(20));
            Eventually.await("the second warning", Duration.ofSeconds(10), () -> thresholds().size() == 2);
            this.clock.advance(Duration.ofMinutes(10));
            awaitEvent(SessionEvent.SessionExpired.class);

            assertThat(thresholds()).containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(10));
            assertThat(logs.warnings()).filteredOn((line) -> line.contains("ends in"))
                .hasSize(2)
                .allSatisfy((line) -> assertThat(line).contains("aws sso login --sso-session my-sso"));
            assertThat(engine.status().state()).isEqualTo(SessionState.EXPIRED);
            assertThat(engine.status().session().endConfirmed()).isTrue();
        }
    }

    /** Repeated: a sign-in written as soon as the refresh is heard of must not be lost to that refresh's write. */
    @RepeatedTest(10)
    void eventsFollowTheSignInsRefreshesAndSignOut(IdentityCenterEmulator emulator)
            throws Exception {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));
        engine.credentialsProvider().resolveCredentials();

        this.clock.advance(Duration.ofMinutes(50));
        awaitEvent(SessionEvent.TokenRefreshed.class);
        Path file = emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        awaitEvent(SessionEvent.SignedIn.class);
        Files.delete(file);
        awaitEvent(SessionEvent.SignedOut.class);
        assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void listsEveryAccountAndRoleOnceForAWhile(IdentityCenterEmulator emulator) {
        for (int i = 0; i < 105; i++) {
            emulator.addAccount(String.format("%012d", 500000000000L + i), "Account " + i, "Dev", "Ops");
        }
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));

        List<AccountRoles> accounts = engine.accounts().all().accounts();
        long listCalls = emulator.callCount(Operation.LIST_ACCOUNTS);

        assertThat(accounts).hasSize(106);
        assertThat(accounts).filteredOn((account) -> account.accountId().equals(EngineFixture.ACCOUNT))
            .singleElement()
            .satisfies((account) -> assertThat(account.roleNames()).contains(EngineFixture.ROLE));
        assertThat(listCalls).as("more than one page").isGreaterThan(1);
        assertThat(engine.accounts().all().accounts()).isEqualTo(accounts);
        assertThat(emulator.callCount(Operation.LIST_ACCOUNTS)).as("cached").isEqualTo(listCalls);
    }

    @Test
    void looksUpTheCallerIdentityWithTheServedCredentials(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir));

        try (CallerIdentityLookup lookup = new CallerIdentityLookup(engine.credentialsProvider(), Region.EU_WEST_1,
                emulator.endpoint(), CallTimeouts.DEFAULT)) {
            assertThat(lookup.lookUp().arn()).startsWith("arn:aws:sts::111122223333:assumed-role/ReadOnly/");
        }
    }

    private SsoEngine start(IdentityCenterEmulator emulator, EngineOptions.Builder options) {
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator), options.build(), this.clock);
        engine.addListener(this.events::add);
        this.engines.add(engine);
        return engine;
    }

    /** Waits until the event thread has delivered an event of this type. */
    private void awaitEvent(Class<? extends SessionEvent> type) {
        Eventually.await("a " + type.getSimpleName() + " event", Duration.ofSeconds(10),
                () -> this.events.stream().anyMatch(type::isInstance));
    }

    private List<Duration> thresholds() {
        return this.events.stream()
            .filter(SessionEvent.SessionExpiring.class::isInstance)
            .map((event) -> ((SessionEvent.SessionExpiring) event).threshold())
            .toList();
    }
}
