package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static dev.awssso.core.engine.RolesFixture.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Roles of another sso-session than the default role's: they get a sign-in (an engine) of their own, signed in
 * and visible beside the default one, shared by the roles of that session.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class SecondSignInTests {

    private static final String OTHER_SESSION = "other-sso";

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private SsoEngine engine;

    private RoleRegistry registry;

    @BeforeEach
    void start(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        emulator.signIn(OTHER_SESSION).writeCacheFile(this.cacheDir);
        this.engine = this.fixture.engine(emulator, this.cacheDir, clock);
        this.registry = this.fixture.registry(this.engine,
                new NamedRole("other", RolesFixture.settings(emulator, OTHER_SESSION, "444455556666", "Admin"),
                        List.of()),
                new NamedRole("other-tools", RolesFixture.settings(emulator, OTHER_SESSION, "444455556666",
                        "Tools"), List.of()));
    }

    @Test
    void rolesOfAnotherSsoSessionShareASignInOfTheirOwn() {
        assertThat(this.registry.sessions()).hasSize(2).first().isSameAs(this.engine);
        SsoEngine other = this.registry.sessions().get(1);
        assertThat(this.registry.role("other").orElseThrow().session()).isSameAs(other);
        assertThat(this.registry.role("other-tools").orElseThrow().session()).isSameAs(other);
        assertThat(other.settings().sessionName()).isEqualTo(OTHER_SESSION);
        assertThat(this.registry.credentialsProvider("other")).as("the engine's own role serves the first role")
            .isSameAs(other.credentialsProvider());

        this.registry.roles().forEach((role) -> role.credentialsProvider().resolveCredentials());

        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(other.status().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(other.status().identity().sessionName()).isEqualTo(OTHER_SESSION);
        assertThat(this.registry.statuses()).extracting(RoleStatus::state).containsOnly(SessionState.ACTIVE);
        assertThat(this.registry.role("other-tools").orElseThrow().status().role().signIn())
            .startsWith("sso-session 'other-sso'");
    }

    @Test
    void aRoleOfASessionNobodySignedInToSaysHowToSignInWhileTheOthersWork() {
        RoleRegistry registry = this.fixture.registry(this.engine, new NamedRole("third",
                RolesFixture.settings(this.emulator, "third-sso", "444455556666", "Admin"), List.of()));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> registry.credentialsProvider("third").resolveCredentials())
            .satisfies((ex) -> {
                assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT);
                assertThat(ex.getMessage()).contains("aws sso login --sso-session third-sso");
            });
        RoleStatus third = registry.role("third").orElseThrow().status();
        assertThat(third.state()).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(third.nextAction()).contains("aws sso login --sso-session third-sso");
        assertThat(registry.credentialsProvider("default").resolveCredentials().accessKeyId()).startsWith("ASIA");
        assertThat(registry.role("default").orElseThrow().status().state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void eachSignInRefreshesItsOwnToken() {
        this.registry.roles().forEach((role) -> role.credentialsProvider().resolveCredentials());

        this.clock.advance(Duration.ofMinutes(50));

        Eventually.await("both tokens are refreshed", Duration.ofSeconds(20),
                () -> this.emulator.callCount(Operation.CREATE_TOKEN) == 2);
        assertThat(this.engine.tokens().currentToken().orElseThrow().accessToken())
            .isNotEqualTo(this.registry.sessions().get(1).tokens().currentToken().orElseThrow().accessToken());
    }

    @Test
    void eventsOfTheOtherSignInNameItsRoles() {
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        this.registry.addListener(events::add);

        this.registry.credentialsProvider("other").resolveCredentials();
        this.registry.credentialsProvider("other-tools").resolveCredentials();
        this.engine.credentialsProvider().resolveCredentials();

        Eventually.await("every role's events are delivered", Duration.ofSeconds(10), () -> events.size() == 3);
        assertThat(events).map((event) -> ((SessionEvent.CredentialsRefreshed) event).role())
            .containsExactlyInAnyOrder("other", "other-tools", "default");
    }

    @Test
    void aDeniedRoleOfTheOtherSignInNamesItsOwnSettings() {
        this.emulator.denyRole("444455556666", "Admin");
        this.emulator.denyRole("444455556666", "Tools");

        for (String role : List.of("other", "other-tools")) {
            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(() -> this.registry.credentialsProvider(role).resolveCredentials())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACCESS_DENIED))
                .withMessageContaining("in account 444455556666")
                .withMessageContaining("Check aws.sso.roles." + role + ".account-id")
                .withMessageNotContaining("aws.sso.account-id");
        }
    }

    @Test
    void stopWaitingReleasesTheCallersOfTheSignInsItStarted() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(60)));
        CompletableFuture<AwsSessionCredentials> waiting = CompletableFuture
            .supplyAsync(this.registry.credentialsProvider("other-tools")::resolveCredentials);
        Eventually.await("the role waits for GetRoleCredentials", Duration.ofSeconds(10),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

        this.registry.stopWaiting();

        assertThat(waiting).failsWithin(Duration.ofSeconds(10))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(SsoSessionException.class,
                    (ex) -> assertThat(ex).hasMessageContaining("The application is stopping"));
        assertThatExceptionOfType(SsoSessionException.class).as("the other sign-in's own role does not wait either")
            .isThrownBy(this.registry.credentialsProvider("other")::resolveCredentials)
            .withMessageContaining("The application is stopping");
    }

    @Test
    void closingTheRegistryClosesTheSignInsItStarted() {
        SsoEngine other = this.registry.sessions().get(1);
        this.registry.roles().forEach((role) -> role.credentialsProvider().resolveCredentials());

        this.registry.close();

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> other.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CLOSED));
        assertThat(this.engine.credentialsProvider().resolveCredentials()).isNotNull();
    }
}
