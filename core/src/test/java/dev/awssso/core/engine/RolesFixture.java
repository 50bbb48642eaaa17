package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Engines and role registries on an emulator, with timings fit for short tests, closed after each test: register
 * it with {@code @RegisterExtension}.
 */
final class RolesFixture implements AfterEachCallback {

    static final String SESSION = "my-sso";

    static final String ACCOUNT = IdentityCenterEmulator.DEFAULT_ACCOUNT_ID;

    static final String ROLE = IdentityCenterEmulator.DEFAULT_ROLE_NAME;

    static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private final List<AutoCloseable> started = new ArrayList<>();

    static SsoSettings settings(IdentityCenterEmulator emulator, String session, String account, String role) {
        return new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), session,
                emulator.startUrl(), emulator.ssoRegion(), account, role, List.of("sso:account:access"), "eu-west-1");
    }

    static SsoSettings settings(IdentityCenterEmulator emulator) {
        return settings(emulator, SESSION, ACCOUNT, ROLE);
    }

    /** An Identity Center role of the default sign-in. */
    static NamedRole ssoRole(IdentityCenterEmulator emulator, String name, String account, String role) {
        return new NamedRole(name, settings(emulator, SESSION, account, role), List.of());
    }

    /** A role assumed in turn through {@code roleArns}, starting from {@code account}/{@code role}. */
    static NamedRole assumedRole(IdentityCenterEmulator emulator, String name, String account, String role,
            String... roleArns) {
        List<AssumeRoleSpec> steps = new ArrayList<>();
        for (String roleArn : roleArns) {
            steps.add(new AssumeRoleSpec(roleArn, "my-app", null, null, "aws.sso.roles." + name + ".assume-role"));
        }
        return new NamedRole(name, settings(emulator, SESSION, account, role), steps);
    }

    static EngineOptions.Builder options(IdentityCenterEmulator emulator, Path cacheDir) {
        return EngineOptions.builder(cacheDir)
            .endpoints(SsoEndpoints.all(emulator.endpoint()))
            .checkInterval(Duration.ofMillis(50))
            .backoff(new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400)))
            .credentialsStaleMargin(Duration.ofMillis(500))
            .callerWait(Duration.ofSeconds(10))
            .timeouts(new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)));
    }

    /** An engine of the default role, closed after the test. */
    SsoEngine engine(IdentityCenterEmulator emulator, Path cacheDir, Clock clock) {
        return closedAfter(SsoEngine.start(settings(emulator), options(emulator, cacheDir).build(), clock));
    }

    /** A registry of {@code roles} over {@code engine}, closed after the test. */
    RoleRegistry registry(SsoEngine engine, NamedRole... roles) {
        return closedAfter(RoleRegistry.start(engine, List.of(roles)));
    }

    <T extends AutoCloseable> T closedAfter(T closeable) {
        this.started.add(0, closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : this.started) {
            closeable.close();
        }
        this.started.clear();
    }
}
