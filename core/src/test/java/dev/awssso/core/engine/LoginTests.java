package dev.awssso.core.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoClients;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginAttempt.State;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/** Signing in and out from the application, with the files the AWS CLI writes. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class LoginTests {

    /**
     * The bound on closing and on what it releases here: far below the 30 s the held calls take (and the minutes a
     * sign-in waits), far above what a busy machine needs. The one-second promise of {@code close()} has its own
     * test, {@code ClosePromiseTests}.
     */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    /** SHA-1 of the key Python's json.dumps(sort_keys=True) gives for these settings, as the AWS CLI names it. */
    private static final String REGISTRATION_FILE = "dd27d7a8f5bd42763e31d01abbc7621d71ca85e6.json";

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

    private final HttpClient browser = HttpClient.newHttpClient();

    /** Lets go of a token answer that IAM Identity Center holds. */
    private final CountDownLatch tokenAnswer = new CountDownLatch(1);

    @AfterEach
    void closeEngines() {
        this.tokenAnswer.countDown();
        this.engines.forEach(SsoEngine::close);
    }

    @Test
    void pkceSignInWritesTheFilesOfAwsSsoLoginAndServesCredentials(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);

        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
        assertThat(engine.status().state()).isEqualTo(SessionState.LOGIN_PENDING);
        assertThat(engine.status().toString()).as("the state is for whoever started the sign-in")
            .doesNotContain(attempt.prompt().url().toString());
        URI authorize = attempt.prompt().url();
        assertThat(authorize.getQuery()).contains("response_type=code", "code_challenge_method=S256",
                "redirect_uri=http://127.0.0.1:", "scopes=sso:account:access");

        HttpResponse<String> callback = follow(emulator.approveAuthorization(authorize));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("Signed in");
        awaitEnd(attempt);

        assertThat(attempt.state()).isEqualTo(State.SUCCEEDED);
        SsoToken token = TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).read().orElseThrow();
        assertThat(token.refreshToken()).isNotNull();
        assertThat(token.whyNotRefreshable(java.time.Instant.now())).isEmpty();
        assertThat(token.startUrl()).isEqualTo(emulator.startUrl());
        assertThat(token.region()).isEqualTo(emulator.ssoRegion());
        Map<String, JsonNode> registration = JsonNode.parser()
            .parse(Files.readAllBytes(this.cacheDir.resolve(REGISTRATION_FILE)))
            .asObject();
        assertThat(registration.get("clientId").asString()).isEqualTo(token.clientId());
        assertThat(registration.get("grantTypes").asArray()).extracting(JsonNode::asString)
            .containsExactly("authorization_code", "refresh_token");
        assertThat(registration.get("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(this.cacheDir.resolve(REGISTRATION_FILE)))).isEqualTo("rw-------");
        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(engine.status().login()).isNull();
    }

    @Test
    void aDeniedPkceSignInFailsAndWritesNoToken(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);

        follow(emulator.denyAuthorization(attempt.prompt().url()));
        awaitEnd(attempt);

        assertThat(attempt.state()).isEqualTo(State.FAILED);
        assertThat(attempt.failure()).hasValueSatisfying((why) -> assertThat(why).contains("access_denied"));
        assertThat(TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).read()).isEmpty();
        assertThat(engine.status().login().failure()).contains("not approved");
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndThePendingSignInCanBeCancelled(IdentityCenterEmulator emulator)
            throws Exception {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
        URI approved = emulator.approveAuthorization(attempt.prompt().url());

        HttpResponse<String> forged = follow(URI.create(approved.toString().replaceAll("state=[^&]+", "state=forged")));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(attempt.state()).isEqualTo(State.PENDING);
        assertThat(engine.login().start(LoginFlow.PKCE, false)).as("one sign-in at a time").isSameAs(attempt);
        attempt.cancel();
        awaitEnd(attempt);
        assertThat(attempt.state()).isEqualTo(State.CANCELLED);
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).isOne();
    }

    @Test
    void aPkceSignInNobodyApprovesTimesOut(IdentityCenterEmulator emulator) {
        Duration timeout = Duration.ofMillis(500);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir).loginTimeout(timeout));
        long startedAt = System.nanoTime();
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);

        awaitEnd(attempt);

        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(timeout);
        assertThat(attempt.state()).isEqualTo(State.FAILED);
        assertThat(attempt.failure()).hasValueSatisfying((why) -> assertThat(why).contains("Nobody approved"));
    }

    @Test
    void deviceCodeSignInPollsUntilApproved(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = engine.login().start(LoginFlow.DEVICE_CODE, false);
        assertThat(attempt.prompt().userCode()).isNotBlank();
        assertThat(engine.status().toString()).as("the code is for whoever started the sign-in")
            .doesNotContain(attempt.prompt().userCode())
            .doesNotContain(attempt.prompt().url().toString());
        assertThat(engine.status().nextAction()).contains("Confirm the code given when the sign-in started");
        assertThat(attempt.prompt().url().toString()).startsWith(emulator.endpoint().toString());

        Eventually.await("a first poll", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.CREATE_TOKEN) > 0);
        emulator.approveDevice(attempt.prompt().userCode());
        awaitEnd(attempt);

        assertThat(attempt.state()).isEqualTo(State.SUCCEEDED);
        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        Map<String, JsonNode> registration = registrationFile();
        assertThat(registration).doesNotContainKey("grantTypes");
    }

    @Test
    void deviceCodeSignInReportsDenialAndExpiry(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        LoginAttempt denied = engine.login().start(LoginFlow.DEVICE_CODE, false);
        emulator.denyDevice(denied.prompt().userCode());
        awaitEnd(denied);
        assertThat(denied.failure()).hasValueSatisfying((why) -> assertThat(why).contains("denied"));

        emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(400, "ExpiredTokenException"));
        LoginAttempt expired = engine.login().start(LoginFlow.DEVICE_CODE, false);
        awaitEnd(expired);
        assertThat(expired.failure()).hasValueSatisfying((why) -> assertThat(why).contains("expired"));
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).as("registration reused").isOne();
    }

    @Test
    void registrationsAreReusedUntilFifteenMinutesBeforeTheyEnd(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        signInWithPkce(engine, emulator);
        signInWithPkce(engine, emulator);
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).isOne();

        engine.login().start(LoginFlow.DEVICE_CODE, false).cancel();
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).as("another grant type").isEqualTo(2);

        emulator.setRegistrationLifetime(Duration.ofMinutes(14));
        signInWithPkce(engine, emulator);
        signInWithPkce(engine, emulator);
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).as("too close to its end").isEqualTo(4);
    }

    @Test
    void signOutEndsTheSessionAndRemovesOnlyItsTokenFile(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        signInWithPkce(engine, emulator);
        engine.credentialsProvider().resolveCredentials();
        Path other = emulator.signIn("other-sso").writeCacheFile(this.cacheDir);
        String accessToken = engine.tokens().currentToken().orElseThrow().accessToken();

        assertThat(engine.login().signOut()).isTrue();

        assertThat(emulator.callCount(Operation.LOGOUT)).isOne();
        assertThat(TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).path()).doesNotExist();
        assertThat(other).exists();
        assertThat(this.cacheDir.resolve(REGISTRATION_FILE)).exists();
        assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(engine.credentialsProvider().currentCredentials()).isEmpty();
        try (SsoClient portal = SsoClients.portal(emulator.ssoRegion(), emulator.endpoint(), CallTimeouts.DEFAULT)) {
            assertThatExceptionOfType(UnauthorizedException.class).as("the Identity Center session has ended")
                .isThrownBy(() -> portal.listAccounts((request) -> request.accessToken(accessToken)));
        }
    }

    @Test
    void signingOutStopsASignInThatIsWaiting(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);

        engine.login().signOut();

        awaitEnd(attempt);
        assertThat(attempt.state()).isEqualTo(State.CANCELLED);
        assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void aNewSessionSignInSignsOutFirst(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        signInWithPkce(engine, emulator);

        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, true);

        assertThat(emulator.callCount(Operation.LOGOUT)).isOne();
        assertThat(engine.status().state()).isEqualTo(SessionState.LOGIN_PENDING);
        attempt.cancel();
    }

    @Test
    void noBackgroundRefreshEverStartsASignIn(IdentityCenterEmulator emulator) {
        emulator.setTokenLifetime(Duration.ofSeconds(1));
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        emulator.endSession(session);
        SsoEngine engine = start(emulator);
        try {
            engine.credentialsProvider().resolveCredentials();
        }
        catch (SsoSessionException expected) {
            // the session has ended
        }

        Eventually.await("the session is seen as ended", Duration.ofSeconds(10),
                () -> engine.status().state() == SessionState.EXPIRED);

        assertThat(engine.login().last()).isEmpty();
        assertThat(emulator.callCount(Operation.REGISTER_CLIENT)).isZero();
        assertThat(emulator.callCount(Operation.START_DEVICE_AUTHORIZATION)).isZero();
        assertThat(emulator.callCount(Operation.AUTHORIZE)).isZero();
    }

    @Test
    void aPkceTokenExpiresALifetimeAfterItsAnswerNotAfterTheSignInBegan() throws Exception {
        MovableClock clock = MovableClock.startingNow();
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start(clock)) {
            SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir), clock);
            LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);

            clock.advance(Duration.ofMinutes(30));
            follow(emulator.approveAuthorization(attempt.prompt().url()));
            awaitEnd(attempt);

            assertThat(attempt.state()).isEqualTo(State.SUCCEEDED);
            assertThat(engine.tokens().currentToken().orElseThrow().expiresAt())
                .isCloseTo(clock.instant().plus(Duration.ofHours(1)), within(1, ChronoUnit.SECONDS));
        }
    }

    @Test
    void aDeviceCodeTokenExpiresALifetimeAfterItsAnswerNotAfterTheSignInBegan() {
        MovableClock clock = MovableClock.startingNow();
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start(clock)) {
            // the emulator measures the poll interval on the clock that stands still
            emulator.setSlowDownEnforced(false);
            SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir), clock);
            LoginAttempt attempt = engine.login().start(LoginFlow.DEVICE_CODE, false);
            Eventually.await("a first poll", Duration.ofSeconds(30),
                    () -> emulator.callCount(Operation.CREATE_TOKEN) > 0);

            clock.advance(Duration.ofMinutes(5));
            emulator.approveDevice(attempt.prompt().userCode());
            awaitEnd(attempt);

            assertThat(attempt.state()).isEqualTo(State.SUCCEEDED);
            assertThat(engine.tokens().currentToken().orElseThrow().expiresAt())
                .isCloseTo(clock.instant().plus(Duration.ofHours(1)), within(1, ChronoUnit.SECONDS));
        }
    }

    @Test
    void cancellingWhileTheTokenIsIssuedStoresNothing(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = approveWithTheTokenAnswerHeld(engine, emulator);

        attempt.cancel();

        assertTokenDroppedAfterItsAnswer(engine, emulator, attempt);
    }

    @Test
    void signingOutWhileTheTokenIsIssuedStoresNothing(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = approveWithTheTokenAnswerHeld(engine, emulator);

        engine.login().signOut();

        assertTokenDroppedAfterItsAnswer(engine, emulator, attempt);
        assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void aDeviceCodeSignInNobodyConfirmsGivesUpAtTheTimeoutNotBefore(IdentityCenterEmulator emulator) {
        Duration timeout = Duration.ofMillis(1500);
        SsoEngine engine = start(emulator, EngineFixture.options(emulator, this.cacheDir).loginTimeout(timeout));
        long startedAt = System.nanoTime();
        LoginAttempt attempt = engine.login().start(LoginFlow.DEVICE_CODE, false);

        awaitEnd(attempt);

        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(timeout);
        assertThat(attempt.state()).isEqualTo(State.FAILED);
        assertThat(attempt.failure()).hasValueSatisfying((why) -> assertThat(why).contains("Nobody confirmed"));
    }

    @Test
    void closingEndsAWaitingSignInAtOnce(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        LoginAttempt pkce = engine.login().start(LoginFlow.PKCE, false);

        assertThat(timeToClose(engine)).as("long before what it waits for ends").isLessThan(PROMPT);
        Eventually.await("the sign-in ended", PROMPT, () -> pkce.completion().isDone());
        assertThat(pkce.state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void aClosedLoginManagerCancelsItsSignInAndStartsNoOther(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);

        engine.login().close();

        assertThat(attempt.state()).isEqualTo(State.CANCELLED);
        assertThatExceptionOfType(LoginFailedException.class)
            .isThrownBy(() -> engine.login().start(LoginFlow.PKCE, false))
            .withMessageContaining("closed");
        assertThat(engine.login().last()).containsSame(attempt);
    }

    @Test
    void closingEndsADevicePollUnderWayAtOnce(IdentityCenterEmulator emulator) {
        SsoEngine engine = start(emulator);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofSeconds(30)));
        LoginAttempt attempt = engine.login().start(LoginFlow.DEVICE_CODE, false);
        Eventually.await("a poll is under way", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 1);

        assertThat(timeToClose(engine)).as("long before what it waits for ends").isLessThan(PROMPT);
        Eventually.await("the sign-in ended", PROMPT, () -> attempt.completion().isDone());
        assertThat(attempt.state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void closingEndsASignInThatIsStartingAtOnce(IdentityCenterEmulator emulator) throws Exception {
        SsoEngine engine = start(emulator);
        emulator.injectFault(Operation.REGISTER_CLIENT, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<LoginAttempt> starting = CompletableFuture
            .supplyAsync(() -> engine.login().start(LoginFlow.PKCE, false));
        Eventually.await("the client registration is under way", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.REGISTER_CLIENT) == 1);

        assertThat(timeToClose(engine)).as("long before what it waits for ends").isLessThan(PROMPT);
        assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> starting.get(PROMPT.toSeconds(), TimeUnit.SECONDS))
            .withCauseInstanceOf(LoginFailedException.class);
        assertThat(engine.login().last()).isEmpty();
    }

    @Test
    void closingEndsASignOutUnderWayAtOnce(IdentityCenterEmulator emulator) throws Exception {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator);
        emulator.injectFault(Operation.LOGOUT, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<Boolean> signingOut = CompletableFuture.supplyAsync(() -> engine.login().signOut());
        Eventually.await("the Logout call is under way", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.LOGOUT) == 1);

        assertThat(timeToClose(engine)).as("long before what it waits for ends").isLessThan(PROMPT);
        assertThat(signingOut.get(PROMPT.toSeconds(), TimeUnit.SECONDS)).as("the token file is removed all the same")
            .isTrue();
    }

    /** Starts a PKCE sign-in and approves it, while IAM Identity Center holds its token answer. */
    private LoginAttempt approveWithTheTokenAnswerHeld(SsoEngine engine, IdentityCenterEmulator emulator)
            throws Exception {
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.holdUntil(this.tokenAnswer).times(1));
        follow(emulator.approveAuthorization(attempt.prompt().url()));
        Eventually.await("the token is asked for", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 1);
        return attempt;
    }

    private void assertTokenDroppedAfterItsAnswer(SsoEngine engine, IdentityCenterEmulator emulator,
            LoginAttempt attempt) {
        assertThat(emulator.sessions()).as("the token answer is still held").isEmpty();
        this.tokenAnswer.countDown();
        awaitEnd(attempt);
        assertThat(emulator.sessions()).as("the token was issued after all").hasSize(1);
        assertThat(attempt.state()).isEqualTo(State.CANCELLED);
        assertThat(TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).read()).isEmpty();
        assertThat(engine.tokens().currentToken()).isEmpty();
        String dropped = emulator.latestSession().accessToken();
        try (SsoClient portal = SsoClients.portal(emulator.ssoRegion(), emulator.endpoint(), CallTimeouts.DEFAULT)) {
            assertThatExceptionOfType(UnauthorizedException.class).as("the dropped token's session has ended")
                .isThrownBy(() -> portal.listAccounts((request) -> request.accessToken(dropped)));
        }
    }

    private static Duration timeToClose(SsoEngine engine) {
        long startedAt = System.nanoTime();
        engine.close();
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private void signInWithPkce(SsoEngine engine, IdentityCenterEmulator emulator) throws Exception {
        LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
        follow(emulator.approveAuthorization(attempt.prompt().url()));
        awaitEnd(attempt);
        assertThat(attempt.state()).isEqualTo(State.SUCCEEDED);
    }

    private Map<String, JsonNode> registrationFile() {
        try {
            return JsonNode.parser().parse(Files.readAllBytes(this.cacheDir.resolve(REGISTRATION_FILE))).asObject();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> follow(URI location) throws Exception {
        return this.browser.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitEnd(LoginAttempt attempt) {
        Eventually.await("the sign-in ended", Duration.ofSeconds(15), () -> attempt.completion().isDone());
    }

    private SsoEngine start(IdentityCenterEmulator emulator) {
        return start(emulator, EngineFixture.options(emulator, this.cacheDir));
    }

    private SsoEngine start(IdentityCenterEmulator emulator, EngineOptions.Builder options) {
        return start(emulator, options, Clock.systemUTC());
    }

    private SsoEngine start(IdentityCenterEmulator emulator, EngineOptions.Builder options, Clock clock) {
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator), options.build(), clock);
        this.engines.add(engine);
        return engine;
    }
}
