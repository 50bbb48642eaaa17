package dev.awssso.autoconfigure.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.metrics.AwsSsoMetrics;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoMetricsAutoConfigurationTests {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsSsoMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.sso-session=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.check-interval=50ms", "aws.sso.endpoint.oidc=" + emulator.endpoint(),
                    "aws.sso.endpoint.portal=" + emulator.endpoint(), "aws.sso.endpoint.sts=" + emulator.endpoint());
    }

    @Test
    void timeGaugesAndTimersFollowTheSession() {
        this.emulator.setCredentialsLifetime(Duration.ofSeconds(3));
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(seconds(registry, "aws.sso.token.remaining", "sign-in", "corp")).isBetween(3500.0, 3600.0);
            assertThat(seconds(registry, "aws.sso.credentials.remaining", "role", "default")).isNaN();
            assertThat(seconds(registry, "aws.sso.session.remaining", "sign-in", "corp"))
                .isGreaterThan(7 * 3600.0);

            context.getBean(AwsCredentialsProvider.class).resolveCredentials();

            assertThat(seconds(registry, "aws.sso.credentials.remaining", "role", "default")).isBetween(0.0, 3.0);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> credentialsRefreshes(registry, "default", "SUCCESS").count() >= 2);
            assertThat(credentialsRefreshes(registry, "default", "FAILURE").count()).isZero();
            assertThat(registry.get("aws.sso.token.refreshes").timers())
                .extracting((timer) -> timer.getId().getTag("sign-in"))
                .containsOnly("corp");
        });
    }

    @Test
    void everySignInHasItsTokenAndSessionMetersAndEveryRoleItsCredentialsMeters() throws IOException {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.emulator.signIn("other").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.emulator.allowAssumeRole(IdentityCenterEmulator.roleArn("111122223333", "ReadOnly"), DEPLOYER);
        Files.writeString(Files.createDirectories(this.home.resolve(".aws")).resolve("config"), """
                [profile audit-sso]
                sso_session = other
                sso_account_id = 444455556666
                sso_role_name = Auditor

                [sso-session other]
                sso_start_url = %s
                sso_region = %s
                """.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));
        this.contextRunner
            .withPropertyValues("aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly",
                    "aws.sso.roles.audit.profile=audit-sso", "aws.sso.roles.deploy.assume-role.role-arn=" + DEPLOYER)
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                AwsSsoRoles roles = context.getBean(AwsSsoRoles.class);
                for (String signIn : List.of("corp", "other")) {
                    assertThat(seconds(registry, "aws.sso.token.remaining", "sign-in", signIn)).as(signIn)
                        .isBetween(3500.0, 3600.0);
                    assertThat(seconds(registry, "aws.sso.session.remaining", "sign-in", signIn)).as(signIn)
                        .isGreaterThan(7 * 3600.0);
                }
                for (String role : List.of("default", "tools", "audit", "deploy")) {
                    assertThat(seconds(registry, "aws.sso.credentials.remaining", "role", role)).as(role).isNaN();
                }

                this.emulator.injectFault(Operation.ASSUME_ROLE, Fault.delay(Duration.ofMillis(300)));
                this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofMillis(200)));
                roles.credentialsProvider("tools").resolveCredentials();
                roles.credentialsProvider("audit").resolveCredentials();
                roles.credentialsProvider("deploy").resolveCredentials();
                roles.signIns().get(1).tokens().refreshNow();
                this.emulator.clearFaults();

                assertThat(seconds(registry, "aws.sso.credentials.remaining", "role", "tools")).isBetween(3500.0,
                        3600.0);
                assertThat(seconds(registry, "aws.sso.credentials.remaining", "role", "audit")).isBetween(3500.0,
                        3600.0);
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> credentialsRefreshes(registry, "tools", "SUCCESS").count() == 1
                            && credentialsRefreshes(registry, "audit", "SUCCESS").count() == 1
                            && credentialsRefreshes(registry, "deploy", "SUCCESS").count() == 1
                            && tokenRefreshes(registry, "other", "SUCCESS").count() == 1);
                assertThat(tokenRefreshes(registry, "corp", "SUCCESS").count()).isZero();
                assertThat(tokenRefreshes(registry, "other", "SUCCESS").totalTime(TimeUnit.MILLISECONDS))
                    .as("CreateToken held for 200 ms")
                    .isBetween(200.0, 10_000.0);
                Timer assumeRole = credentialsRefreshes(registry, "deploy", "SUCCESS");
                assertThat(assumeRole.getId().getTag("operation")).isEqualTo("AssumeRole");
                assertThat(assumeRole.totalTime(TimeUnit.MILLISECONDS)).as("AssumeRole held for 300 ms")
                    .isBetween(300.0, 10_000.0);
                assertThat(credentialsRefreshes(registry, "tools", "SUCCESS").getId().getTag("operation"))
                    .isEqualTo("GetRoleCredentials");
                assertThat(registry.get("aws.sso.token.refreshes").timers())
                    .allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("sign-in", "outcome"));
                assertThat(registry.get("aws.sso.credentials.refreshes").timers())
                    .allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("role", "operation", "outcome"));
            });
    }

    /** The value of the time gauge in seconds. */
    private static double seconds(MeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tag(tag, value).timeGauge().value(TimeUnit.SECONDS);
    }

    private static Timer tokenRefreshes(MeterRegistry registry, String signIn, String outcome) {
        return registry.get("aws.sso.token.refreshes").tags("sign-in", signIn, "outcome", outcome).timer();
    }

    private static Timer credentialsRefreshes(MeterRegistry registry, String role, String outcome) {
        return registry.get("aws.sso.credentials.refreshes").tags("role", role, "outcome", outcome).timer();
    }

    @Test
    void isAbsentWithoutAMeterRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoMetricsAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.start-url=" + this.emulator.startUrl(), "aws.sso.sso-region=us-east-1",
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly")
            .run((context) -> assertThat(context).doesNotHaveBean(AwsSsoMetrics.class));
    }
}
