package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static dev.awssso.core.engine.RolesFixture.ssoRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Three roles of one sign-in: the default role ({@code 111122223333/ReadOnly}), {@code tools}
 * ({@code 222233334444/ReadOnly}) and {@code admin} ({@code 111122223333/AdministratorAccess}). The engine and the
 * emulator share a clock the test moves; the background checks run every 50 ms.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class SharedSignInTests {

    private static final String TOOLS_ACCOUNT = "222233334444";

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private SsoEngine engine;

    private RoleRegistry registry;

    /** Lets go of the answers the portal holds. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        this.engine = this.fixture.engine(emulator, this.cacheDir, clock);
        this.registry = this.fixture.registry(this.engine, ssoRole(emulator, "tools", TOOLS_ACCOUNT, "ReadOnly"),
                ssoRole(emulator, "admin", ACCOUNT, "AdministratorAccess"));
    }

    @AfterEach
    void releaseHeldAnswers() {
        this.release.countDown();
    }

    @Test
    void theDefaultRoleComesFirstThenTheNamedRolesInTheirOrder() {
        assertThat(this.registry.names()).containsExactly("default", "tools", "admin");
        assertThat(this.registry.credentialsProvider("default")).isSameAs(this.engine.credentialsProvider());
        assertThat(this.registry.sessions()).containsExactly(this.engine);
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.registry.credentialsProvider("nope"))
            .withMessage("There is no role named 'nope'; the roles are default, tools, admin (aws.sso.roles)");
    }

    @Test
    void roleNamesAreUniqueAndDefaultIsTheDefaultRoles() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> RoleRegistry.start(this.engine, List.of(ssoRole(this.emulator, "x", ACCOUNT, "A"),
                    ssoRole(this.emulator, "x", ACCOUNT, "B"))))
            .withMessageContaining("Two roles are named 'x'");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> RoleRegistry.start(this.engine, List.of(ssoRole(this.emulator, "default", ACCOUNT,
                    "A"))))
            .withMessageContaining("'default'");
    }

    @Test
    void threeRolesMakeOneCreateTokenPerTokenRefresh() {
        this.emulator.setCredentialsLifetime(Duration.ofMinutes(30));
        List<RefreshingCredentialsProvider> providers = providers();
        providers.forEach(RefreshingCredentialsProvider::resolveCredentials);
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(3);

        for (int refresh = 1; refresh <= 4; refresh++) {
            // the token is due (15 minutes before its hour is up) and every role's credentials are stale
            this.clock.advance(Duration.ofMinutes(50));
            long fetches = 3L * (refresh + 1);
            long refreshes = refresh;
            Eventually.await("the token is refreshed and every role fetched new credentials", Duration.ofSeconds(20),
                    () -> this.emulator.callCount(Operation.CREATE_TOKEN) >= refreshes
                            && this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) >= fetches);
            providers.forEach((provider) -> assertThat(provider.resolveCredentials().expirationTime().orElseThrow())
                .isAfter(this.clock.instant()));

            assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).as("token refreshes after %d steps", refresh)
                .isEqualTo(refresh);
            assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(fetches);
        }
    }

    @Test
    void rolesWaitingTogetherForAnExpiredTokenShareOneRefresh() throws Exception {
        providers().forEach(RefreshingCredentialsProvider::resolveCredentials);

        this.clock.advance(Duration.ofHours(2));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<AwsSessionCredentials>> callers = providers().stream()
            .flatMap((provider) -> List.of(provider, provider, provider).stream())
            .map((provider) -> CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return provider.resolveCredentials();
            }))
            .toList();
        go.countDown();

        callers.forEach((caller) -> assertThat(caller).succeedsWithin(Duration.ofSeconds(20)));
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(6);
    }

    @Test
    void everyRoleRefreshesAheadOfExpiryWhileCallersGetTheCurrentCredentials() {
        List<RefreshingCredentialsProvider> providers = providers();
        List<String> before = providers.stream().map((provider) -> provider.resolveCredentials().accessKeyId())
            .toList();
        // the portal holds every answer until the test lets go: a caller that waited for one would not return, and
        // one fetch after another would never reach the portal three times
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.holdUntil(this.release));

        this.clock.advance(Duration.ofMinutes(56));
        Eventually.await("the three refreshes are under way at once", Duration.ofSeconds(30),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 6);

        assertThat(providers.stream().map((provider) -> provider.resolveCredentials().accessKeyId()).toList())
            .as("served at once while the refreshes are held").isEqualTo(before);
        this.emulator.clearFaults();
        this.release.countDown();
        Eventually.await("every role holds new credentials", Duration.ofSeconds(20),
                () -> providers.stream().noneMatch((provider) -> before.contains(
                        provider.currentCredentials().map(AwsSessionCredentials::accessKeyId).orElse(""))));
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(6);
    }

    @Test
    void aSlowRoleDoesNotHoldUpAnother() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.holdUntil(this.release).times(1));
        CompletableFuture<AwsSessionCredentials> tools = CompletableFuture
            .supplyAsync(provider("tools")::resolveCredentials);
        Eventually.await("the tools fetch is under way", Duration.ofSeconds(30),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        provider("admin").resolveCredentials();

        assertThat(tools).as("still held by the portal").isNotDone();
        this.release.countDown();
        assertThat(tools).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void aRemovedAssignmentIsAccessDeniedForThatRoleWhileTheOthersKeepWorking() {
        providers().forEach(RefreshingCredentialsProvider::resolveCredentials);

        this.emulator.denyRole(TOOLS_ACCOUNT, "ReadOnly");
        this.clock.advance(Duration.ofMinutes(61));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> provider("tools").resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACCESS_DENIED))
            .withMessageContaining("role 'ReadOnly' in account " + TOOLS_ACCOUNT)
            .withMessageContaining("Check aws.sso.roles.tools.account-id and aws.sso.roles.tools.role-name")
            .withMessageNotContaining("aws.sso.account-id");
        assertThat(provider("default").resolveCredentials().expirationTime().orElseThrow())
            .isAfter(this.clock.instant());
        assertThat(provider("admin").resolveCredentials().expirationTime().orElseThrow())
            .isAfter(this.clock.instant());
        RoleStatus tools = this.registry.role("tools").orElseThrow().status();
        assertThat(tools.state()).isEqualTo(SessionState.UNUSABLE);
        assertThat(tools.failure()).isNotNull();
        assertThat(tools.failure().kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(tools.failure().errorType()).isEqualTo("ForbiddenException");
        assertThat(tools.nextAction()).contains("assign role 'ReadOnly' in account " + TOOLS_ACCOUNT);
        assertThat(tools.role().accountId()).isEqualTo(TOOLS_ACCOUNT);
        assertThat(tools.credentials().accessKeyId()).isNull();
        assertThat(this.registry.statuses()).filteredOn((status) -> !status.name().equals("tools"))
            .allSatisfy((status) -> {
                assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
                assertThat(status.failure()).isNull();
                assertThat(status.credentials().accessKeyId()).startsWith("ASIA");
            });
        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void theStatusOfARoleShowsItsAccountRoleAndRefreshTimes() {
        AwsSessionCredentials served = provider("tools").resolveCredentials();

        RoleStatus tools = this.registry.role("tools").orElseThrow().status();

        assertThat(tools.name()).isEqualTo("tools");
        assertThat(tools.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(tools.role()).isEqualTo(new RoleStatus.Role(TOOLS_ACCOUNT, "ReadOnly", null, TOOLS_ACCOUNT,
                "ReadOnly", "sso-session 'my-sso' (profile 'dev' in /home/dev/.aws/config)"));
        assertThat(tools.credentials().expiresAt()).isEqualTo(served.expirationTime().orElseThrow());
        assertThat(tools.credentials().nextRefreshAt()).isEqualTo(served.expirationTime().orElseThrow()
            .minus(Duration.ofMinutes(5)));
        assertThat(tools.credentials().lastRefresh().succeeded()).isTrue();
        assertThat(tools.credentials().accessKeyId()).isNotEqualTo(served.accessKeyId()).contains("…");
        assertThat(tools.credentialsTimeLeft()).hasValue(Duration.ofHours(1));
        assertThat(tools.toString()).doesNotContain(served.secretAccessKey(), served.sessionToken());
    }

    @Test
    void eventsNameTheRoleTheyConcern() {
        List<SessionEvent> roleEvents = new CopyOnWriteArrayList<>();
        List<SessionEvent> engineEvents = new CopyOnWriteArrayList<>();
        this.registry.addListener(roleEvents::add);
        this.engine.addListener(engineEvents::add);

        providers().forEach(RefreshingCredentialsProvider::resolveCredentials);
        this.emulator.denyRole(ACCOUNT, "AdministratorAccess");
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> provider("admin").refreshNow());

        Eventually.await("the events are delivered", Duration.ofSeconds(10), () -> roleEvents.size() == 4
                && engineEvents.size() == 1);
        assertThat(roleEvents).as("the registry's listeners hear every role, the default one too")
            .filteredOn(SessionEvent.CredentialsRefreshed.class::isInstance)
            .map((event) -> ((SessionEvent.CredentialsRefreshed) event).role())
            .containsExactlyInAnyOrder("default", "tools", "admin");
        assertThat(roleEvents).filteredOn(SessionEvent.RefreshFailed.class::isInstance).singleElement()
            .satisfies((event) -> {
                SessionEvent.RefreshFailed failed = (SessionEvent.RefreshFailed) event;
                assertThat(failed.role()).isEqualTo("admin");
                assertThat(failed.failure().kind()).isEqualTo(FailureKind.ACCESS_DENIED);
            });
        assertThat(engineEvents).singleElement().isInstanceOfSatisfying(SessionEvent.CredentialsRefreshed.class,
                (event) -> assertThat(event.role()).isEqualTo("default"));
    }

    @Test
    void signingOutStopsEveryRoleAndSigningInAgainServesThemAgain() {
        providers().forEach(RefreshingCredentialsProvider::resolveCredentials);

        // as `aws sso logout` removes the token file
        this.engine.tokens().signOut();

        providers().forEach((provider) -> {
            assertThat(provider.currentCredentials()).isEmpty();
            assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT));
        });
        assertThat(this.registry.statuses()).extracting(RoleStatus::state).containsOnly(SessionState.SIGNED_OUT);

        this.emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        providers().forEach((provider) -> assertThat(provider.resolveCredentials()).isNotNull());
    }

    @Test
    void stopWaitingReleasesTheCallersOfEveryRoleAtOnceAndStillServesHeldCredentials() {
        AwsSessionCredentials held = provider("default").resolveCredentials();
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(60)));
        List<CompletableFuture<AwsSessionCredentials>> waiting = List.of("tools", "admin").stream()
            .map((name) -> CompletableFuture.supplyAsync(provider(name)::resolveCredentials))
            .toList();
        Eventually.await("both roles wait for GetRoleCredentials", Duration.ofSeconds(10),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 3);

        this.engine.stopWaiting();

        waiting.forEach((caller) -> assertThat(caller).failsWithin(Duration.ofSeconds(10))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(SsoSessionException.class, (ex) -> {
                assertThat(ex.reason()).isEqualTo(Reason.CLOSED);
                assertThat(ex).hasMessageContaining("The application is stopping");
            }));
        assertThatExceptionOfType(SsoSessionException.class).as("a new caller does not wait")
            .isThrownBy(provider("tools")::resolveCredentials)
            .withMessageContaining("The application is stopping");
        assertThat(provider("default").resolveCredentials()).as("held credentials are still served").isEqualTo(held);
    }

    @Test
    void closingTheRegistryStopsTheNamedRolesAndLeavesTheDefaultRoleToItsEngine() {
        providers().forEach(RefreshingCredentialsProvider::resolveCredentials);

        this.registry.close();

        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider("tools")::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CLOSED));
        assertThat(provider("default").resolveCredentials()).isNotNull();
        // a closed executor's threads end a moment after close() returns
        Eventually.await("the registry's threads ended", Duration.ofSeconds(30),
                () -> Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .noneMatch((name) -> name.startsWith("aws-sso-roles-")));

        this.engine.close();
        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider("admin")::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CLOSED));
    }

    private List<RefreshingCredentialsProvider> providers() {
        return this.registry.roles().stream().map(ServedRole::credentialsProvider).toList();
    }

    private RefreshingCredentialsProvider provider(String name) {
        return this.registry.credentialsProvider(name);
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
