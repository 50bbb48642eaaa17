package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.SsoToken;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.regions.Region;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.DEPLOYER;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static dev.awssso.core.engine.RolesFixture.assumedRole;
import static dev.awssso.core.engine.RolesFixture.ssoRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A new sign-in is a new identity for every role of it (the default role, a named Identity Center role, an
 * assumed role and a chain), and an ended sign-in ends them all, assumed roles included. The engine and the
 * emulator share a clock the test moves; the background checks run every 50 ms.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class NewSignInTests {

    private static final String POWER_USER = IdentityCenterEmulator.roleArn(ACCOUNT, "PowerUser");

    private static final String AUDITOR = "arn:aws:iam::999988887777:role/Auditor";

    private static final List<String> ROLES = List.of("default", "tools", "deploy", "audit");

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private EmulatedSession session;

    private SsoEngine engine;

    private RoleRegistry registry;

    private AwsCli cli;

    @BeforeEach
    void start(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        // tokens of half an hour, refreshed by the engine 5 minutes before they expire, by the AWS CLI 15 minutes
        // before: the credentials (an hour) are not due when the token is
        emulator.setTokenLifetime(Duration.ofMinutes(30));
        this.session = emulator.signIn(SESSION);
        this.session.writeCacheFile(this.cacheDir);
        emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        emulator.allowAssumeRole(DEPLOYER, AUDITOR);
        this.engine = this.fixture.closedAfter(SsoEngine.start(RolesFixture.settings(emulator),
                RolesFixture.options(emulator, this.cacheDir).tokenRefreshWindow(Duration.ofMinutes(5)).build(),
                clock));
        this.engine.addListener(this.events::add);
        this.registry = this.fixture.registry(this.engine, ssoRole(emulator, "tools", ACCOUNT, "PowerUser"),
                assumedRole(emulator, "deploy", ACCOUNT, "PowerUser", DEPLOYER),
                assumedRole(emulator, "audit", ACCOUNT, "PowerUser", DEPLOYER, AUDITOR));
        this.cli = new AwsCli(emulator, this.cacheDir, SESSION, clock);
    }

    @AfterEach
    void closeCli() {
        this.cli.close();
    }

    @Test
    void aCliSignInAsAnotherUserWithdrawsTheCredentialsOfEveryRoleAtOnce() {
        Map<String, String> before = accessKeyIds();
        assertThat(callerArn("default")).endsWith("/ReadOnly/user@example.com");
        long fetches = this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS);

        // the AWS CLI reuses its client registration: only the tokens tell the new sign-in apart
        this.emulator.setUserName("other@example.com");
        this.emulator.signInAgain(this.session).writeCacheFile(this.cacheDir);
        Eventually.await("the new sign-in is adopted", Duration.ofSeconds(20),
                () -> this.events.stream().anyMatch(SessionEvent.SignedIn.class::isInstance));

        Map<String, String> after = accessKeyIds();
        ROLES.forEach((role) -> assertThat(after.get(role)).as(role).isNotEqualTo(before.get(role)));
        assertThat(callerArn("default")).endsWith("/ReadOnly/other@example.com");
        assertThat(callerArn("tools")).endsWith("/PowerUser/other@example.com");
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("ReadOnly and the shared PowerUser")
            .isEqualTo(fetches + 2);
        assertThat(this.registry.statuses()).allSatisfy((status) -> assertThat(status.state())
            .isEqualTo(SessionState.ACTIVE));
    }

    @Test
    void aRefreshWrittenByTheCliKeepsEveryRolesCredentials() {
        Map<String, String> before = accessKeyIds();
        long fetches = this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS);
        // inside the AWS CLI's refresh window, before the engine's own
        this.clock.advance(Duration.ofMinutes(20));
        SsoToken held = this.engine.tokens().currentToken().orElseThrow();

        SsoToken refreshedByCli = this.cli.refresh(held);
        Eventually.await("the CLI's token is adopted", Duration.ofSeconds(20), () -> this.engine.tokens()
            .currentToken().orElseThrow().sameAccessToken(refreshedByCli));

        assertThat(accessKeyIds()).isEqualTo(before);
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(fetches);
        assertThat(this.events).noneMatch(SessionEvent.SignedIn.class::isInstance);
    }

    @Test
    void anEndedSessionEndsTheAssumedRolesAtOnceWithTheSignInCommandAndNoAssumeRole() {
        accessKeyIds();
        long assumeRoles = this.emulator.callCount(Operation.ASSUME_ROLE);
        this.emulator.endSession(this.session);

        // the token's refresh is refused; every role's credentials are valid for half an hour more
        this.clock.advance(Duration.ofMinutes(26));
        Eventually.await("the session has ended", Duration.ofSeconds(20),
                () -> this.engine.status().state() == SessionState.EXPIRED);

        for (String role : ROLES) {
            assertThatExceptionOfType(SsoSessionException.class)
                .as(role)
                .isThrownBy(() -> this.registry.credentialsProvider(role).resolveCredentials())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
                .withMessageContaining("aws sso login --sso-session my-sso");
        }
        assertThat(this.registry.statuses()).allSatisfy((status) -> {
            assertThat(status.state()).isEqualTo(SessionState.EXPIRED);
            assertThat(status.credentials().accessKeyId()).isNull();
        });
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isEqualTo(assumeRoles);
    }

    private Map<String, String> accessKeyIds() {
        Map<String, String> keys = new LinkedHashMap<>();
        ROLES.forEach((role) -> keys.put(role,
                this.registry.credentialsProvider(role).resolveCredentials().accessKeyId()));
        return keys;
    }

    private String callerArn(String role) {
        RefreshingCredentialsProvider credentials = this.registry.credentialsProvider(role);
        try (CallerIdentityLookup lookup = new CallerIdentityLookup(credentials, Region.US_EAST_1,
                this.emulator.endpoint(), CallTimeouts.DEFAULT)) {
            return lookup.lookUp().arn();
        }
    }
}
