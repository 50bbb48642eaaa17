package dev.awssso.core.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoClients;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token manager never loses a session to its own failures: a new token whose write fails stays in use
 * (with its rotated refresh token) and is written later, a token the portal rejects is refreshed before the
 * session is declared ended, and a token is not handed out in its last moments. Against the emulator, with the
 * time moved by a {@link MovableClock} and the disk failed by a {@link FaultyFileSystem}.
 */
class TokenManagerFaultTests {

    private static final String SESSION = "my-sso";

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    private final SsoOidcClient oidc = SsoClients.oidc(this.emulator.ssoRegion(), this.emulator.endpoint(),
            new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));

    private final FaultyFileSystem fileSystem = new FaultyFileSystem();

    @TempDir
    Path cacheDir;

    @AfterEach
    void close() {
        this.oidc.close();
        this.emulator.close();
    }

    static Stream<Arguments> writeFailures() {
        return Stream.of(
                Arguments.of("disk full", (Consumer<FaultyFileSystem>) FaultyFileSystem::diskFull,
                        "No space left on device"),
                Arguments.of("read-only mount", (Consumer<FaultyFileSystem>) FaultyFileSystem::readOnly,
                        "Read-only file system"),
                Arguments.of("refused rename", (Consumer<FaultyFileSystem>) FaultyFileSystem::refuseRenames,
                        "Operation not permitted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeFailures")
    void aRefreshedTokenWhoseWriteFailsStaysInUseWithItsRotatedRefreshTokenAndIsWrittenLater(String name,
            Consumer<FaultyFileSystem> fault, String reason) throws Exception {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken signedIn = manager.usableToken();
        Path file = TokenCacheFile.of(this.cacheDir, SESSION).path();
        byte[] onDisk = Files.readAllBytes(file);
        fault.accept(this.fileSystem);
        try (LogCapture log = new LogCapture()) {
            SsoToken refreshed = manager.refreshNow();

            assertThat(refreshed.accessToken()).isNotEqualTo(signedIn.accessToken());
            assertThat(refreshed.refreshToken()).as("rotated").isNotEqualTo(signedIn.refreshToken());
            assertThat(manager.usableToken()).isEqualTo(refreshed);
            assertThat(manager.pendingWrite()).hasValueSatisfying((pending) -> {
                assertThat(pending.file()).isEqualTo(manager.cacheFile().path());
                assertThat(pending.reason()).isEqualTo(reason);
                assertThat(pending.message()).contains(file.toString()).contains(reason).contains("memory only");
            });
            assertThat(Files.readAllBytes(file)).isEqualTo(onDisk);

            // the next refresh re-reads the file under its lock: the older token there must not win, or the
            // refresh token it holds (no longer valid since the rotation) would end the session
            SsoToken again = manager.refreshNow();
            manager.persistIfPending();

            assertThat(again.accessToken()).isNotEqualTo(refreshed.accessToken());
            assertThat(manager.sessionEnd()).isEmpty();
            assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(2);
            assertThat(log.warnings().stream().filter((warning) -> warning.contains("memory only")))
                .as("said once per reason").singleElement()
                .satisfies((warning) -> assertThat(warning).contains(file.toString()).contains(reason));

            this.fileSystem.heal();
            manager.persistIfPending();

            assertThat(manager.pendingWrite()).isEmpty();
            assertThat(TokenCacheFile.of(this.cacheDir, SESSION).read().orElseThrow().accessToken())
                .isEqualTo(again.accessToken());
            assertThat(log.all()).doesNotContain(again.accessToken(), again.refreshToken(), signedIn.clientSecret());
        }
    }

    @Test
    void whileAWritePendsANewSignInWrittenByAnotherProcessIsAdopted() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        manager.usableToken();
        this.fileSystem.diskFull();
        manager.refreshNow();
        assertThat(manager.pendingWrite()).isPresent();

        EmulatedSession newSignIn = this.emulator.signIn(SESSION);
        newSignIn.writeCacheFile(this.cacheDir);
        manager.reloadIfChanged();

        assertThat(manager.usableToken().accessToken()).isEqualTo(newSignIn.accessToken());
        assertThat(manager.pendingWrite()).isEmpty();
    }

    @Test
    void aSignInWhoseWriteFailsIsUsedAndWrittenOnceTheDiskWorksAgain() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        SsoToken token = new SsoToken(session.accessToken(), session.expiresAt(), session.refreshToken(),
                session.clientId(), session.clientSecret(), session.registrationExpiresAt(), session.region(),
                session.startUrl(), Map.of());
        TokenManager manager = manager(sessionSettings());
        this.fileSystem.readOnly();

        manager.signIn(token);
        manager.reloadIfChanged();
        manager.persistIfPending();

        assertThat(manager.usableToken()).isEqualTo(token);
        assertThat(manager.pendingWrite()).hasValueSatisfying(
                (pending) -> assertThat(pending.reason()).isEqualTo("Read-only file system"));
        assertThat(TokenCacheFile.of(this.cacheDir, SESSION).path()).doesNotExist();

        this.fileSystem.heal();
        manager.persistIfPending();

        assertThat(manager.pendingWrite()).isEmpty();
        assertThat(TokenCacheFile.of(this.cacheDir, SESSION).read().orElseThrow().accessToken())
            .isEqualTo(token.accessToken());
    }

    @Test
    void aRejectedRefreshableTokenIsRefreshedOnceAndTheSessionGoesOn() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken rejected = manager.usableToken();

        SsoToken replacement = manager.replaceRejectedToken(rejected);

        assertThat(replacement.accessToken()).isNotEqualTo(rejected.accessToken());
        assertThat(manager.usableToken()).isEqualTo(replacement);
        assertThat(manager.sessionEnd()).isEmpty();
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void aRejectedTokenAlreadyReplacedIsNotRefreshedAgain() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken rejected = manager.usableToken();
        SsoToken current = manager.replaceRejectedToken(rejected);

        // a second caller that used the same token before the first replaced it
        assertThat(manager.replaceRejectedToken(rejected)).isEqualTo(current);
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void aRejectedTokenWhoseRefreshIsRefusedEndsTheSession() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken rejected = manager.usableToken();
        this.emulator.endSession(session);

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> manager.replaceRejectedToken(rejected))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(manager.sessionEnd()).isPresent();
    }

    @Test
    void aRejectedTokenWhoseRefreshFailsForAPassingReasonDoesNotEndTheSession() {
        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken rejected = manager.usableToken();
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException"));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> manager.replaceRejectedToken(rejected))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(manager.sessionEnd()).isEmpty();

        this.emulator.clearFaults();
        // once the backoff after the failure has passed
        Eventually.await("the rejected token is refreshed", Duration.ofSeconds(20), () -> {
            try {
                return !manager.replaceRejectedToken(rejected).sameAccessToken(rejected);
            }
            catch (SsoSessionException ex) {
                assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE);
                return false;
            }
        });
        assertThat(manager.sessionEnd()).isEmpty();
    }

    @Test
    void aRejectedTokenThatCannotBeRefreshedEndsTheSession() {
        this.emulator.signIn(null).writeCacheFile(this.cacheDir);
        TokenManager manager = manager(legacySettings());
        SsoToken rejected = manager.usableToken();

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> manager.replaceRejectedToken(rejected))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("aws sso login --profile dev");
        assertThat(manager.sessionEnd()).isPresent();
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void aTokenIsRefreshedAMinuteBeforeItExpiresNotHandedOut() {
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken signedIn = manager.usableToken();

        this.clock.set(session.expiresAt().minusSeconds(61));
        assertThat(manager.usableToken()).isEqualTo(signedIn);

        this.clock.set(session.expiresAt().minusSeconds(59));
        SsoToken refreshed = manager.usableToken();

        assertThat(refreshed.accessToken()).isNotEqualTo(signedIn.accessToken());
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void aShortLivedTokenIsRefreshedInTheLastQuarterOfItsLifetime() {
        this.emulator.setTokenLifetime(Duration.ofSeconds(8));
        EmulatedSession session = this.emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(sessionSettings());
        SsoToken signedIn = manager.usableToken();

        this.clock.set(session.expiresAt().minusSeconds(3));
        assertThat(manager.usableToken()).isEqualTo(signedIn);

        this.clock.set(session.expiresAt().minusSeconds(1));
        assertThat(manager.usableToken().accessToken()).isNotEqualTo(signedIn.accessToken());
    }

    @Test
    void aTokenThatCannotBeRefreshedIsNotHandedOutInItsLastMinuteYetTheSessionIsNotEnded() {
        EmulatedSession session = this.emulator.signIn(null);
        session.writeCacheFile(this.cacheDir);
        TokenManager manager = manager(legacySettings());
        manager.usableToken();

        this.clock.set(session.expiresAt().minusSeconds(30));

        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(manager::usableToken)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("cannot be refreshed")
            .withMessageContaining("aws sso login --profile dev");
        assertThat(manager.sessionEnd()).isEmpty();
    }

    private TokenManager manager(SsoSettings settings) {
        TokenCacheFile file = TokenCacheFile.of(this.fileSystem.wrap(this.cacheDir), settings.cacheKey(),
                Duration.ofSeconds(10));
        return new TokenManager(settings, file, new TokenRefresher(() -> this.oidc, this.clock), this.clock,
                Duration.ofMinutes(15), new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400)),
                new TokenListener() {
                });
    }

    private SsoSettings sessionSettings() {
        return new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), SESSION,
                this.emulator.startUrl(), this.emulator.ssoRegion(), "111122223333", "ReadOnly",
                List.of("sso:account:access"), "eu-west-1");
    }

    private SsoSettings legacySettings() {
        return new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), null,
                this.emulator.startUrl(), this.emulator.ssoRegion(), "111122223333", "ReadOnly", List.of(),
                "eu-west-1");
    }
}
