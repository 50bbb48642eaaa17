package dev.awssso.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.RoleRegistry;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The hot path of a named role: {@code resolveCredentials()} with valid cached credentials, for the default role
 * ({@code default}), a second Identity Center role of the same sign-in ({@code named}) and a role assumed with
 * STS on top of the default role ({@code assumed}), all from one {@link RoleRegistry} on the emulator. A named
 * role should cost what the default role costs. Credentials live an hour, so no refresh falls into a run; each
 * role runs in its own forks, so each call site sees one provider class.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class NamedRoleCredentialsBenchmark {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    @Param({ "default", "named", "assumed" })
    public String role;

    private SignedInEmulator emulator;

    private SsoEngine engine;

    private RoleRegistry registry;

    private AwsCredentialsProvider credentials;

    @Setup(Level.Trial)
    public void start() {
        this.emulator = SignedInEmulator.start(Duration.ofHours(1));
        SsoSettings settings = this.emulator.settings();
        this.emulator.emulator().allowAssumeRole(IdentityCenterEmulator.roleArn(settings.accountId(),
                settings.roleName()), DEPLOYER);
        this.engine = SsoEngine.start(settings, this.emulator.engineOptions().build());
        SsoSettings tools = new SsoSettings(settings.source(), settings.sessionName(), settings.startUrl(),
                settings.ssoRegion(), "222233334444", "ReadOnly", settings.registrationScopes(), settings.region());
        this.registry = RoleRegistry.start(this.engine, List.of(new NamedRole("named", tools, List.of()),
                new NamedRole("assumed", settings, List.of(new AssumeRoleSpec(DEPLOYER, "bench", null, null,
                        "aws.sso.roles.assumed.assume-role")))));
        this.credentials = this.registry.credentialsProvider(this.role);
        this.credentials.resolveCredentials();
    }

    @TearDown(Level.Trial)
    public void stop() {
        this.registry.close();
        this.engine.close();
        this.emulator.close();
    }

    @Benchmark
    @Threads(1)
    public AwsCredentials oneThread() {
        return this.credentials.resolveCredentials();
    }

    @Benchmark
    @Threads(8)
    public AwsCredentials eightThreads() {
        return this.credentials.resolveCredentials();
    }
}
