package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The access token's life: read from the CLI's cache, refreshed with the refresh token, written back, and
 * replaced by a new sign-in.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class TokenLifecycleTests {

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

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
    void startingMakesNoNetworkCall(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        start(emulator);
        for (Operation operation : Operation.values()) {
            assertThat(emulator.callCount(operation)).as(operation.name()).isZero();
        }
    }

    @Test
    void anExpiredTokenIsRefreshedAndWrittenBackAsTheCliWritesIt(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = signInWithExpiredToken(emulator);
        Path file = session.writeCacheFile(this.cacheDir);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"customField\":\"kept\","));
        SsoEngine engine = start(emulator);

        engine.credentialsProvider().resolveCredentials();

        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        Map<String, JsonNode> written = JsonNode.parser().parse(Files.readAllBytes(file)).asObject();
        assertThat(written.get("accessToken").asString()).isNotEqualTo(session.accessToken())
            .isEqualTo(engine.tokens().currentToken().orElseThrow().accessToken());
        assertThat(written.get("refreshToken").asString()).as("rotated").isNotEqualTo(session.refreshToken());
        assertThat(written.get("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(written.get("customField").asString()).isEqualTo("kept");
        assertThat(written.get("clientId").asString()).isEqualTo(session.clientId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anAnswerThatExpiresAtOnceIsNotWrittenOverTheCache(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        Path file = session.writeCacheFile(this.cacheDir);
        String before = Files.readString(file);
        // the last half second of the session: IAM Identity Center's token would last 0 whole seconds
        this.clock.set(session.sessionEndsAt().minusMillis(500));
        // created without background checks: a check's refresh racing the caller's would meet the refresh token the
        // first refresh rotated, and end the session instead
        SsoEngine engine = SsoEngine.create(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build(), this.clock);
        this.engines.add(engine);

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .withMessageContaining("a response that could not be read");

        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isPositive();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void theOldRefreshTokenIsKeptWhenCreateTokenReturnsNone(IdentityCenterEmulator emulator) throws IOException {
        emulator.setRefreshTokenMode(RefreshTokenMode.OMIT);
        EmulatedSession session = signInWithExpiredToken(emulator);
        Path file = session.writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);

        engine.credentialsProvider().resolveCredentials();

        assertThat(JsonNode.parser().parse(Files.readAllBytes(file)).asObject().get("refreshToken").asString())
            .isEqualTo(session.refreshToken());
    }

    @Test
    void theTokenIsRefreshedInTheBackgroundBeforeItExpires(IdentityCenterEmulator emulator) {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);
        // the default refresh window: 15 minutes before expiry
        this.clock.set(session.expiresAt().minus(Duration.ofMinutes(14)));

        Eventually.await("the token was refreshed", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.CREATE_TOKEN) > 0
                        && !engine.tokens().currentToken().orElseThrow().accessToken().equals(session.accessToken()));
        assertThat(engine.tokens().currentToken().orElseThrow().isExpired(this.clock.instant())).isFalse();
    }

    @Test
    void aLegacySignInIsNeverRefreshedAndSaysHowToSignInAgain(IdentityCenterEmulator emulator) {
        EmulatedSession session = emulator.signIn(null);
        session.writeCacheFile(this.cacheDir);
        passExpiry(session);
        SsoEngine engine = start(emulator, EngineFixture.settings(emulator, null));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("no refresh token")
            .withMessageContaining("aws sso login --profile dev");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void anExpiredClientRegistrationIsNeverUsed(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = signInWithExpiredToken(emulator);
        Path file = session.writeCacheFile(this.cacheDir);
        Files.writeString(file, Files.readString(file)
            .replaceFirst("\"registrationExpiresAt\": \"[^\"]+\"", "\"registrationExpiresAt\": \"2020-01-01T00:00:00Z\""));
        SsoEngine engine = start(emulator);

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .withMessageContaining("client registration ended")
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void anEndedSessionIsReportedOnceWithTheSignInCommandAndNotRetried(IdentityCenterEmulator emulator) {
        EmulatedSession session = signInWithExpiredToken(emulator);
        session.writeCacheFile(this.cacheDir);
        emulator.endSession(session);
        SsoEngine engine = start(emulator);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
                .withMessageContaining("InvalidGrantException")
                .withMessageContaining("aws sso login --sso-session my-sso");
        }
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
    }

    @Test
    void aNewSignInFromATerminalIsPickedUpAtOnceAfterTheSessionEnded(IdentityCenterEmulator emulator) {
        EmulatedSession ended = signInWithExpiredToken(emulator);
        ended.writeCacheFile(this.cacheDir);
        emulator.endSession(ended);
        SsoEngine engine = start(emulator);
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials());

        EmulatedSession fresh = emulator.signIn(EngineFixture.SESSION);
        fresh.writeCacheFile(this.cacheDir);

        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        assertThat(engine.tokens().currentToken().orElseThrow().accessToken().equals(fresh.accessToken())).isTrue();
    }

    @Test
    void aNewCliSignInReusingTheClientRegistrationIsPickedUpAfterTheSessionEnded(IdentityCenterEmulator emulator)
            throws IOException {
        EmulatedSession ended = signInWithExpiredToken(emulator);
        ended.writeCacheFile(this.cacheDir);
        emulator.endSession(ended);
        SsoEngine engine = start(emulator);
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials());

        EmulatedSession fresh = emulator.signIn(EngineFixture.SESSION);
        // the file appears as the CLI's sign-in left it, in one step: the engine checks it every 50 ms
        Path staged = fresh.writeCacheFile(this.cacheDir.resolve("staging"));
        Files.writeString(staged, Files.readString(staged)
            .replace(fresh.clientId(), ended.clientId())
            .replace(fresh.clientSecret(), ended.clientSecret()));
        Files.move(staged, this.cacheDir.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        // picked up within seconds, as promised: a call at the very moment may still get the ended session's answer
        Eventually.await("the new sign-in serves credentials", Duration.ofSeconds(10), () -> {
            try {
                return engine.credentialsProvider().resolveCredentials().accessKeyId().startsWith("ASIA");
            }
            catch (SsoSessionException ex) {
                return false;
            }
        });
    }

    @Test
    void anExternalRewriteOfTheCacheFileIsAdoptedInTheBackground(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);
        EmulatedSession next = emulator.signIn(EngineFixture.SESSION);
        next.writeCacheFile(this.cacheDir);

        Eventually.await("the new sign-in was adopted", Duration.ofSeconds(30),
                () -> engine.tokens().currentToken().orElseThrow().accessToken().equals(next.accessToken()));
    }

    @Test
    void thirtyTwoThreadsCauseOneCreateTokenAndOneGetRoleCredentials(IdentityCenterEmulator emulator)
            throws Exception {
        signInWithExpiredToken(emulator).writeCacheFile(this.cacheDir);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofMillis(300)));
        SsoEngine engine = start(emulator);
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AwsCredentials>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return engine.credentialsProvider().resolveCredentials();
                }));
            }
            start.countDown();
            Set<AwsCredentials> distinct = ConcurrentHashMap.newKeySet();
            for (Future<AwsCredentials> result : results) {
                distinct.add(result.get());
            }
            assertThat(distinct).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
    }

    @Test
    void signingOutInATerminalWithdrawsTheCredentials(IdentityCenterEmulator emulator) throws IOException {
        Path file = emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);
        engine.credentialsProvider().resolveCredentials();

        Files.delete(file);

        Eventually.await("the credentials were withdrawn", Duration.ofSeconds(30),
                () -> engine.credentialsProvider().currentCredentials().isEmpty());
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT));
    }

    /**
     * {@code aws sso logout} and a new {@code aws sso login} in a terminal, with the default check interval (one
     * second): the sign-out withdraws the credentials at the next check, the new sign-in serves the next call at once
     * and shows in the status at the next check without any call.
     */
    @Test
    void aTerminalSignOutAndANewSignInArePickedUpAtTheDefaultCheckInterval(IdentityCenterEmulator emulator)
            throws IOException {
        Duration defaultInterval = EngineOptions.builder(this.cacheDir).build().checkInterval();
        Path file = emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator), EngineFixture.options(emulator,
                this.cacheDir).checkInterval(defaultInterval).build(), this.clock);
        this.engines.add(engine);
        AwsCredentials first = engine.credentialsProvider().resolveCredentials();

        Files.delete(file);
        Eventually.await("the sign-out is seen by the background check", defaultInterval.multipliedBy(10),
                () -> engine.status().state() == SessionState.SIGNED_OUT
                        && engine.credentialsProvider().currentCredentials().isEmpty());
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT));

        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        Eventually.await("the new sign-in is seen by the background check", defaultInterval.multipliedBy(10),
                () -> engine.status().state() == SessionState.ACTIVE);
        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).as("the new session's")
            .isNotEqualTo(first.accessKeyId());

        Files.delete(file);
        Eventually.await("the second sign-out is seen", defaultInterval.multipliedBy(10),
                () -> engine.credentialsProvider().currentCredentials().isEmpty());
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        assertThat(engine.credentialsProvider().resolveCredentials()).as("the next call reads the new sign-in at once")
            .isNotNull();
    }

    /** A sign-in whose access token has just expired; the session lives on. */
    private EmulatedSession signInWithExpiredToken(IdentityCenterEmulator emulator) {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        passExpiry(session);
        return session;
    }

    private void passExpiry(EmulatedSession session) {
        this.clock.set(session.expiresAt().plusSeconds(1));
    }

    private SsoEngine start(IdentityCenterEmulator emulator) {
        return start(emulator, EngineFixture.settings(emulator));
    }

    private SsoEngine start(IdentityCenterEmulator emulator, dev.awssso.core.config.SsoSettings settings) {
        SsoEngine engine = SsoEngine.start(settings, EngineFixture.options(emulator, this.cacheDir).build(),
                this.clock);
        this.engines.add(engine);
        return engine;
    }
}
