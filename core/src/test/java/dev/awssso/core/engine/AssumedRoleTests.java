package dev.awssso.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.InlineRoleSettings;
import dev.awssso.core.config.InlineSsoSettings;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.NamedRoleResolver;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.config.SsoSettingsResolver;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.refresh.FailureKind;
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
import software.amazon.awssdk.regions.Region;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.DEPLOYER;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static dev.awssso.core.engine.RolesFixture.assumedRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Roles assumed with STS {@code AssumeRole} on top of an Identity Center role ({@code 111122223333/PowerUser}),
 * against the emulator's STS through the SDK's {@code StsClient}. The engine and the emulator share a clock the
 * test moves; the background checks run every 50 ms.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class AssumedRoleTests {

    private static final String POWER_USER = IdentityCenterEmulator.roleArn(ACCOUNT, "PowerUser");

    @TempDir
    Path temp;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private Path cacheDir;

    private SsoEngine engine;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator, MovableClock clock) throws Exception {
        this.emulator = emulator;
        this.clock = clock;
        this.cacheDir = Files.createDirectories(this.temp.resolve("cache"));
        emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        this.engine = this.fixture.engine(emulator, this.cacheDir, clock);
    }

    @Test
    void anAssumedRoleIsTheAssumedRoleSessionToAws() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        RefreshingCredentialsProvider deploy = deploy();

        AwsSessionCredentials credentials = deploy.resolveCredentials();

        assertThat(credentials.accountId()).hasValue("555566667777");
        assertThat(callerArn(deploy)).isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isOne();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("the PowerUser source").isOne();
    }

    @Test
    void manyCallersMakeOneAssumeRole() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        RefreshingCredentialsProvider deploy = deploy();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<AwsSessionCredentials>> callers = IntStream.range(0, 16)
            .mapToObj((caller) -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return deploy.resolveCredentials();
            }))
            .toList();

        go.countDown();

        callers.forEach((caller) -> assertThat(caller).succeedsWithin(Duration.ofSeconds(20)));
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isOne();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
    }

    @Test
    void anAssumedRoleIsRefreshedBeforeItExpiresThoughItOutlivesTheSourceCredentials() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        // the source lives a quarter of an hour, the assumed role an hour
        this.emulator.setCredentialsLifetime(Duration.ofMinutes(15));
        RefreshingCredentialsProvider deploy = deploy();
        Instant firstExpiry = deploy.resolveCredentials().expirationTime().orElseThrow();
        assertThat(firstExpiry).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));

        for (int minutes = 5; minutes <= 50; minutes += 5) {
            this.clock.advance(Duration.ofMinutes(5));
            assertThat(deploy.resolveCredentials().expirationTime().orElseThrow()).isEqualTo(firstExpiry);
        }
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).as("nothing due for 50 minutes").isOne();

        this.clock.advance(Duration.ofMinutes(6));

        Eventually.await("the role is assumed again 5 minutes before it expires", Duration.ofSeconds(20),
                () -> this.emulator.callCount(Operation.ASSUME_ROLE) == 2);
        Eventually.await("the new credentials are served", Duration.ofSeconds(20),
                () -> deploy.resolveCredentials().expirationTime().orElseThrow().isAfter(firstExpiry));
        assertThat(deploy.lastFailure()).as("signed with valid source credentials").isEmpty();
    }

    @Test
    void afterASleepTheAssumedRoleIsAssumedWithFreshSourceCredentials() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        this.emulator.setCredentialsLifetime(Duration.ofMinutes(15));
        RefreshingCredentialsProvider deploy = deploy();
        AwsSessionCredentials before = deploy.resolveCredentials();

        this.clock.advance(Duration.ofMinutes(56));

        Eventually.await("the role is assumed again and its new credentials served", Duration.ofSeconds(20),
                () -> !deploy.resolveCredentials().accessKeyId().equals(before.accessKeyId()));
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isEqualTo(2);
        assertThat(deploy.lastFailure()).as("no ExpiredToken from stale source credentials").isEmpty();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
    }

    @Test
    void accessDeniedByTheTrustPolicyNamesTheRoleAndTheFix() {
        RoleRegistry registry = this.fixture.registry(this.engine,
                assumedRole(this.emulator, "deploy", ACCOUNT, "PowerUser", DEPLOYER));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> registry.credentialsProvider("deploy").resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACCESS_DENIED))
            .withMessage("STS does not let the Identity Center role 'PowerUser' of account 111122223333 (IAM role"
                    + " AWSReservedSSO_PowerUser_...) assume " + DEPLOYER + " for role 'deploy' (AccessDenied:"
                    + " AssumeRole was refused with AccessDenied (HTTP 403): User: arn:aws:sts::111122223333:"
                    + "assumed-role/PowerUser/user@example.com is not authorized to perform: sts:AssumeRole on"
                    + " resource: " + DEPLOYER + "). Allow it in the trust policy of " + DEPLOYER + " (a statement"
                    + " with that principal and sts:AssumeRole), or correct aws.sso.roles.deploy.assume-role if the"
                    + " ARN is wrong.");
        RoleStatus deploy = registry.role("deploy").orElseThrow().status();
        assertThat(deploy.state()).isEqualTo(SessionState.UNUSABLE);
        assertThat(deploy.failure().kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(deploy.failure().errorType()).isEqualTo("AccessDenied");
        assertThat(deploy.nextAction()).startsWith("Allow the role to be assumed");
        assertThat(deploy.role().assumedRoleArn()).isEqualTo(DEPLOYER);
        assertThat(deploy.role().accountId()).isEqualTo("555566667777");
        assertThat(deploy.role().roleName()).isEqualTo("Deployer");
        assertThat(deploy.role().ssoRoleName()).isEqualTo("PowerUser");
        assertThat(this.engine.credentialsProvider().resolveCredentials()).as("the default role keeps working")
            .isNotNull();
    }

    @Test
    void aFailingSourcePassesItsReasonOnWithoutCallingSts() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        this.emulator.denyRole(ACCOUNT, "PowerUser");
        RoleRegistry registry = this.fixture.registry(this.engine,
                assumedRole(this.emulator, "deploy", ACCOUNT, "PowerUser", DEPLOYER));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> registry.credentialsProvider("deploy").resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACCESS_DENIED))
            .withMessageStartingWith("Cannot assume role 'deploy' (" + DEPLOYER + "): IAM Identity Center does not"
                    + " let the signed-in user use role 'PowerUser' in account 111122223333");
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isZero();
        RoleStatus deploy = registry.role("deploy").orElseThrow().status();
        assertThat(deploy.state()).isEqualTo(SessionState.UNUSABLE);
        assertThat(deploy.failure().kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(deploy.failure().errorType()).isEqualTo("SourceCredentials");
        assertThat(deploy.nextAction()).startsWith("Ask an administrator to assign role 'PowerUser' in account "
                + ACCOUNT);
    }

    @Test
    void aPassingStsFailureIsRetriedWhileTheCurrentCredentialsAreServed() {
        this.emulator.allowAssumeRole(POWER_USER, DEPLOYER);
        RoleRegistry registry = this.fixture.registry(this.engine,
                assumedRole(this.emulator, "deploy", ACCOUNT, "PowerUser", DEPLOYER));
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        registry.addListener(events::add);
        RefreshingCredentialsProvider deploy = registry.credentialsProvider("deploy");
        AwsSessionCredentials before = deploy.resolveCredentials();
        // one call of the SDK, every attempt of it
        this.emulator.injectFault(Operation.ASSUME_ROLE,
                Fault.status(503, "ServiceUnavailable").times(SdkAttempts.PER_CALL));

        this.clock.advance(Duration.ofMinutes(56));
        Eventually.await("the refresh failed", Duration.ofSeconds(20), () -> deploy.lastFailure().isPresent());

        assertThat(deploy.resolveCredentials().accessKeyId()).isEqualTo(before.accessKeyId());
        assertThat(registry.role("deploy").orElseThrow().status().state()).isEqualTo(SessionState.REFRESH_FAILING);
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).isEqualTo(1 + SdkAttempts.PER_CALL);
        // past the backoff
        this.clock.advance(Duration.ofSeconds(1));
        Eventually.await("new credentials are served", Duration.ofSeconds(20),
                () -> !deploy.resolveCredentials().accessKeyId().equals(before.accessKeyId()));
        assertThat(registry.role("deploy").orElseThrow().status().state()).isEqualTo(SessionState.ACTIVE);
        // the sign-in's token refreshes reach the registry's listeners too
        List<SessionEvent> roleEvents = new CopyOnWriteArrayList<>();
        Eventually.await("the events are delivered", Duration.ofSeconds(10), () -> {
            roleEvents.clear();
            events.stream().filter((event) -> !(event instanceof SessionEvent.TokenRefreshed)).forEach(roleEvents::add);
            return roleEvents.size() == 3;
        });
        assertThat(roleEvents).extracting(SessionEvent::getClass).containsExactly(
                SessionEvent.CredentialsRefreshed.class, SessionEvent.RefreshFailed.class,
                SessionEvent.CredentialsRefreshed.class);
        assertThat(roleEvents.get(1)).isInstanceOfSatisfying(SessionEvent.RefreshFailed.class, (failed) -> {
            assertThat(failed.role()).isEqualTo("deploy");
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.TRANSIENT);
        });
    }

    @Test
    void aChainOfTheConfigFileIsAssumedLinkByLinkAsTheCliAssumesIt() throws Exception {
        String auditor = "arn:aws:iam::999988887777:role/path/AuditReadOnly";
        Path home = this.temp.resolve("home");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile dev]
                sso_session = my-sso
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [profile mid]
                role_arn = %s
                source_profile = dev

                [profile audit-readonly]
                role_arn = %s
                source_profile = mid
                external_id = audit-2024
                duration_seconds = 900

                [sso-session my-sso]
                sso_start_url = %s
                sso_region = %s
                """.formatted(DEPLOYER, auditor, this.emulator.startUrl(), this.emulator.ssoRegion()));
        Map<String, String> environment = Map.of("HOME", home.toString());
        InlineSsoSettings inline = new InlineSsoSettings("dev", null, null, null, null, null, null, null, null);
        SsoSettings dev = new SsoSettingsResolver(environment, home.toString()).resolve(inline).orElseThrow();
        List<NamedRole> roles = new NamedRoleResolver(environment, home.toString(), "tester").resolve(dev, inline,
                List.of(new InlineRoleSettings("audit", "audit-readonly", null, null, null)));
        this.emulator.allowAssumeRole(IdentityCenterEmulator.roleArn(ACCOUNT, "ReadOnly"), DEPLOYER);
        this.emulator.allowAssumeRole(DEPLOYER, auditor, "audit-2024");
        SsoEngine devEngine = this.fixture.closedAfter(SsoEngine.start(dev,
                RolesFixture.options(this.emulator, this.cacheDir).build(), this.clock));
        RoleRegistry registry = this.fixture.registry(devEngine, roles.toArray(NamedRole[]::new));

        RefreshingCredentialsProvider audit = registry.credentialsProvider("audit");
        Instant expiry = audit.resolveCredentials().expirationTime().orElseThrow();

        assertThat(callerArn(audit)).isEqualTo("arn:aws:sts::999988887777:assumed-role/AuditReadOnly/aws-sso-tester");
        assertThat(expiry).as("duration_seconds of the leaf").isEqualTo(
                this.clock.instant().plus(Duration.ofMinutes(15)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(this.emulator.callCount(Operation.ASSUME_ROLE)).as("one call per link").isEqualTo(2);
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
        devEngine.credentialsProvider().resolveCredentials();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS))
            .as("the chain starts with the default role's own credentials").isOne();
    }

    private RefreshingCredentialsProvider deploy() {
        return this.fixture.registry(this.engine, assumedRole(this.emulator, "deploy", ACCOUNT, "PowerUser",
                DEPLOYER)).credentialsProvider("deploy");
    }

    private String callerArn(RefreshingCredentialsProvider credentials) {
        try (CallerIdentityLookup lookup = new CallerIdentityLookup(credentials, Region.US_EAST_1,
                this.emulator.endpoint(), CallTimeouts.DEFAULT)) {
            return lookup.lookUp().arn();
        }
    }
}
