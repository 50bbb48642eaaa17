package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.FaultyFileSystem;
import dev.awssso.emulator.EmulatedLoginSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An {@code aws login} session served and refreshed by its engine against the emulator's AWS Sign-In and STS, the
 * cache file shared with the AWS CLI. The engine and the emulator share a clock that the tests move.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class LoginSessionEngineTests {

    private static final String LOGIN_SESSION = IdentityCenterEmulator.DEFAULT_LOGIN_SESSION;

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final String AUDITOR = "arn:aws:iam::999988887777:role/Auditor";

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = this.closing.size() - 1; i >= 0; i--) {
            this.closing.get(i).close();
        }
    }

    @Test
    void servesTheCachedCredentialsWithoutACallWhileTheyLast(IdentityCenterEmulator emulator, MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        assertThat(callerArn(emulator, engine.credentialsProvider())).isEqualTo(LOGIN_SESSION);
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isZero();
        LoginSessionStatus status = engine.status();
        assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(status.identity().loginSession()).isEqualTo(LOGIN_SESSION);
        assertThat(status.identity().accountId()).isEqualTo("111122223333");
        assertThat(status.credentials().accessKeyId()).contains("…");
        assertThat(status.session().endsAt()).isNotNull();
    }

    @Test
    void anExpiredEntryIsRefreshedOnceForManyCallersAndKeepsTheCliFields(IdentityCenterEmulator emulator,
            MovableClock clock) throws Exception {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        Path file = session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        Map<String, JsonNode> before = json(file);
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        List<AwsSessionCredentials> served = concurrently(16, engine.credentialsProvider());

        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isOne();
        assertThat(served).extracting(AwsSessionCredentials::accessKeyId).containsOnly(served.get(0).accessKeyId());
        assertThat(served.get(0).expirationTime()).hasValueSatisfying((expiry) -> assertThat(expiry)
            .isAfter(clock.instant().plus(Duration.ofMinutes(10))));
        Map<String, JsonNode> after = json(file);
        assertThat(after.get("refreshToken").asString()).isEqualTo(session.currentRefreshToken())
            .isNotEqualTo(before.get("refreshToken").asString());
        assertThat(after.get("accessToken").asObject().get("accessKeyId").asString())
            .isEqualTo(served.get(0).accessKeyId());
        for (String kept : List.of("idToken", "tokenType", "clientId", "dpopKey")) {
            assertThat(after.get(kept).asString()).as(kept).isEqualTo(before.get(kept).asString());
        }
        assertThat(callerArn(emulator, engine.credentialsProvider())).isEqualTo(LOGIN_SESSION);
    }

    @Test
    void twoApplicationsOnOneCacheMakeOneRefresh(IdentityCenterEmulator emulator, MovableClock clock)
            throws Exception {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        LoginSessionEngine first = engine(emulator, clock, cacheDir());
        LoginSessionEngine second = engine(emulator, clock, cacheDir());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<AwsSessionCredentials> one = threads.submit(first.credentialsProvider()::resolveCredentials);
            Future<AwsSessionCredentials> other = threads.submit(second.credentialsProvider()::resolveCredentials);
            assertThat(one.get(30, TimeUnit.SECONDS).accessKeyId())
                .isEqualTo(other.get(30, TimeUnit.SECONDS).accessKeyId());
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).as("the second re-read the file").isOne();
    }

    @Test
    void credentialsAreRefreshedInTheBackgroundAndNeverServedExpiredAfterASleep(IdentityCenterEmulator emulator,
            MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());
        engine.start();
        AwsSessionCredentials first = engine.credentialsProvider().resolveCredentials();

        clock.advance(Duration.ofMinutes(10));
        Eventually.await("a background refresh", LIMIT,
                () -> emulator.callCount(Operation.CREATE_OAUTH2_TOKEN) == 1);
        Eventually.await("the refreshed credentials served", LIMIT,
                () -> !engine.credentialsProvider().resolveCredentials().accessKeyId().equals(first.accessKeyId()));

        clock.advance(Duration.ofHours(1));
        AwsSessionCredentials afterSleep = engine.credentialsProvider().resolveCredentials();
        assertThat(afterSleep.expirationTime()).hasValueSatisfying((expiry) -> assertThat(expiry)
            .isAfter(clock.instant()));
    }

    @Test
    void anEndedSessionNamesTheSignInAndANewAwsLoginIsPickedUpAtOnce(IdentityCenterEmulator emulator,
            MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        emulator.endLoginSession(session, "USER_CREDENTIALS_CHANGED");
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(engine.credentialsProvider()::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.SESSION_ENDED))
            .withMessageContaining("password").withMessageContaining("`aws login --profile dev`");
        assertThat(engine.status().state()).isEqualTo(SessionState.EXPIRED);
        assertThat(engine.status().nextAction()).contains("aws login --profile dev");

        emulator.startLoginSession(LOGIN_SESSION).writeCacheFile(cacheDir(),
                clock.instant().plus(Duration.ofMinutes(14)));

        assertThat(callerArn(emulator, engine.credentialsProvider())).isEqualTo(LOGIN_SESSION);
        assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aStatusReadBetweenTwoSignInsDoesNotHideTheNewOneFromTheProvider(IdentityCenterEmulator emulator,
            MovableClock clock) {
        emulator.startLoginSession(LOGIN_SESSION)
            .writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());
        engine.credentialsProvider().resolveCredentials();

        emulator.startLoginSession(LOGIN_SESSION)
            .writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        engine.status();

        assertThat(engine.credentialsProvider().reloadIfChanged()).as("the new sign-in is reported").isTrue();
        assertThat(engine.credentialsProvider().currentCredentials()).as("the old identity withdrawn").isEmpty();
    }

    @Test
    void aRotatedRefreshTokenIsRefusedAsAnEndedSession(IdentityCenterEmulator emulator, MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        emulator.endLoginSession(session, "TOKEN_EXPIRED");
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(engine.credentialsProvider()::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.SESSION_ENDED))
            .withMessageContaining("has ended").withMessageContaining("`aws login --profile dev`");
    }

    @Test
    void aPrincipalWithoutThePolicyIsToldWhichPolicyItNeeds(IdentityCenterEmulator emulator, MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        emulator.endLoginSession(session, "INSUFFICIENT_PERMISSIONS");
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(engine.credentialsProvider()::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.ACCESS_DENIED))
            .withMessageContaining("SignInLocalDevelopmentAccess");
        assertThat(engine.status().state()).isEqualTo(SessionState.UNUSABLE);
    }

    @Test
    void withoutASessionTheCallerAndTheStatusNameTheSignIn(IdentityCenterEmulator emulator, MovableClock clock) {
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(engine.credentialsProvider()::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.SIGNED_OUT))
            .withMessageContaining("`aws login --profile dev`");
        assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void aRefreshTheFileCannotTakeIsKeptAndWrittenLaterSoTheSessionIsNotLost(IdentityCenterEmulator emulator,
            MovableClock clock) throws Exception {
        FaultyFileSystem fileSystem = new FaultyFileSystem();
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        Path file = session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        LoginSessionEngine engine = engine(emulator, clock, fileSystem.wrap(cacheDir()));
        fileSystem.diskFull();

        AwsSessionCredentials refreshed = engine.credentialsProvider().resolveCredentials();

        assertThat(engine.status().warnings()).anySatisfy((warning) -> assertThat(warning)
            .contains("kept in memory"));
        assertThat(json(file).get("refreshToken").asString()).isNotEqualTo(session.currentRefreshToken());
        engine.start();
        fileSystem.heal();
        Eventually.await("the rotated refresh token written", LIMIT,
                () -> readRefreshToken(file).equals(session.currentRefreshToken()));
        assertThat(json(file).get("accessToken").asObject().get("accessKeyId").asString())
            .isEqualTo(refreshed.accessKeyId());
        assertThat(engine.status().warnings()).noneSatisfy((warning) -> assertThat(warning)
            .contains("kept in memory"));
    }

    @Test
    void whatHappensToTheSessionReachesTheListenersInOrder(IdentityCenterEmulator emulator, MovableClock clock) {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        LoginSessionEngine engine = engine(emulator, clock, cacheDir());
        List<LoginSessionEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        engine.credentialsProvider().resolveCredentials();
        engine.start();
        Eventually.await("the refresh before the start told", LIMIT, () -> !events.isEmpty());
        assertThat(events.get(0)).isInstanceOfSatisfying(LoginSessionEvent.CredentialsRefreshed.class,
                (refreshed) -> assertThat(refreshed.status().state()).isEqualTo(SessionState.ACTIVE));

        clock.advance(Duration.ofHours(11).plusMinutes(45));
        Eventually.await("the session's end announced", LIMIT,
                () -> events.stream().anyMatch(LoginSessionEvent.SessionExpiring.class::isInstance));
        assertThat(events).filteredOn(LoginSessionEvent.SessionExpiring.class::isInstance).singleElement()
            .satisfies((expiring) -> assertThat(((LoginSessionEvent.SessionExpiring) expiring).threshold())
                .isEqualTo(Duration.ofMinutes(30)));

        Eventually.await("the credentials refreshed after the jump", LIMIT, () -> engine.status().credentialsTimeLeft()
            .filter((left) -> left.compareTo(Duration.ofMinutes(10)) > 0).isPresent());
        emulator.endLoginSession(session, "TOKEN_EXPIRED");
        clock.advance(Duration.ofMinutes(20));
        Eventually.await("the end of the session and the refused refresh told", LIMIT,
                () -> events.stream().anyMatch(LoginSessionEvent.SessionExpired.class::isInstance)
                        && events.stream().anyMatch(LoginSessionEvent.RefreshFailed.class::isInstance));
        assertThat(events).anySatisfy((event) -> assertThat(event)
            .isInstanceOfSatisfying(LoginSessionEvent.RefreshFailed.class,
                    (failed) -> assertThat(failed.failure().toString()).doesNotContain(session.currentRefreshToken())));

        emulator.startLoginSession(LOGIN_SESSION).writeCacheFile(cacheDir(),
                clock.instant().plus(Duration.ofMinutes(14)));
        Eventually.await("the new aws login told", LIMIT,
                () -> events.stream().anyMatch(LoginSessionEvent.SignedIn.class::isInstance));
        assertThat(events.get(events.size() - 1).status().state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void namedRolesAreAssumedWithTheSessionsCredentialsAndKeptFresh(IdentityCenterEmulator emulator,
            MovableClock clock) {
        emulator.startLoginSession(LOGIN_SESSION)
            .writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        emulator.allowAssumeRole(LOGIN_SESSION, DEPLOYER);
        LoginSessionEngine engine = engine(emulator, clock, cacheDir(), List.of(
                new LoginSessionRole("deploy", List.of(new AssumeRoleSpec(DEPLOYER, "my-app", null, null, "test"))),
                new LoginSessionRole("denied", List.of(new AssumeRoleSpec(AUDITOR, "my-app", null, null, "test")))));

        assertThat(engine.roles()).extracting(LoginSessionRole::name).containsExactly("deploy", "denied");
        assertThat(callerArn(emulator, engine.credentialsProvider("deploy")))
            .isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(engine.credentialsProvider("denied")::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.ACCESS_DENIED))
            .withMessageContaining("trust policy of " + AUDITOR).withMessageContaining(LOGIN_SESSION);
        assertThatIllegalArgumentException().isThrownBy(() -> engine.credentialsProvider("nope"))
            .withMessageContaining("deploy, denied");
        assertThat(engine.status().roles()).satisfiesExactly((deploy) -> {
            assertThat(deploy.name()).isEqualTo("deploy");
            assertThat(deploy.assumedRoleArn()).isEqualTo(DEPLOYER);
            assertThat(deploy.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(deploy.credentials().accessKeyId()).contains("…");
        }, (denied) -> {
            assertThat(denied.state()).isEqualTo(SessionState.UNUSABLE);
            assertThat(denied.nextAction()).startsWith("Allow the role to be assumed").contains(AUDITOR);
            assertThat(denied.failure()).isNotNull();
        });

        engine.start();
        long assumed = emulator.callCount(Operation.ASSUME_ROLE);
        clock.advance(Duration.ofMinutes(58));
        Eventually.await("the role assumed again in the background", LIMIT,
                () -> emulator.callCount(Operation.ASSUME_ROLE) > assumed);
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).as("with refreshed session credentials")
            .isPositive();
        assertThat(callerArn(emulator, engine.credentialsProvider("deploy")))
            .isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
    }

    @Test
    void aNewAwsLoginWithdrawsTheRolesAssumedWithTheOldIdentity(IdentityCenterEmulator emulator, MovableClock clock) {
        emulator.startLoginSession(LOGIN_SESSION)
            .writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));
        emulator.allowAssumeRole(LOGIN_SESSION, DEPLOYER);
        LoginSessionEngine engine = engine(emulator, clock, cacheDir(), List.of(
                new LoginSessionRole("deploy", List.of(new AssumeRoleSpec(DEPLOYER, "my-app", null, null, "test")))));
        RefreshingCredentialsProvider deploy = (RefreshingCredentialsProvider) engine.credentialsProvider("deploy");
        String before = deploy.resolveCredentials().accessKeyId();
        engine.start();

        emulator.startLoginSession(LOGIN_SESSION)
            .writeCacheFile(cacheDir(), clock.instant().plus(Duration.ofMinutes(14)));

        Eventually.await("the role assumed with the old identity no longer served", LIMIT, () -> deploy
            .currentCredentials().filter((held) -> held.accessKeyId().equals(before)).isEmpty());
        assertThat(deploy.resolveCredentials().accessKeyId()).isNotEqualTo(before);
        assertThat(emulator.callCount(Operation.ASSUME_ROLE)).isGreaterThanOrEqualTo(2);
    }

    private Path cacheDir() {
        return this.home.resolve("login-cache");
    }

    private LoginSessionEngine engine(IdentityCenterEmulator emulator, MovableClock clock, Path cacheDirectory) {
        return engine(emulator, clock, cacheDirectory, List.of());
    }

    private LoginSessionEngine engine(IdentityCenterEmulator emulator, MovableClock clock, Path cacheDirectory,
            List<LoginSessionRole> roles) {
        LoginSessionSettings settings = new LoginSessionSettings("dev", this.home.resolve("config"), LOGIN_SESSION,
                "111122223333", "us-east-1", cacheDirectory);
        EngineOptions options = EngineFixture.options(emulator, cacheDirectory).build();
        LoginSessionEngine engine = LoginSessionEngine.create(settings, roles, options, clock);
        this.closing.add(engine);
        return engine;
    }

    private static String callerArn(IdentityCenterEmulator emulator, AwsCredentialsProvider provider) {
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(emulator.endpoint())
            .credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create()).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static List<AwsSessionCredentials> concurrently(int callers, AwsCredentialsProvider provider)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AwsSessionCredentials>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return (AwsSessionCredentials) provider.resolveCredentials();
                }));
            }
            start.countDown();
            List<AwsSessionCredentials> served = new ArrayList<>();
            for (Future<AwsSessionCredentials> future : futures) {
                served.add(future.get(30, TimeUnit.SECONDS));
            }
            return served;
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, JsonNode> json(Path file) throws IOException {
        return JsonNodeParser.create().parse(Files.readAllBytes(file)).asObject();
    }

    private static String readRefreshToken(Path file) {
        try {
            return json(file).get("refreshToken").asString();
        }
        catch (IOException | RuntimeException ex) {
            return "";
        }
    }
}
