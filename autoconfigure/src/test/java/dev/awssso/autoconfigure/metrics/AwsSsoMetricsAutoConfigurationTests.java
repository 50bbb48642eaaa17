package dev.awssso.autoconfigure.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoRoles;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
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
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.session-name=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.check-interval=50ms", "aws.sso.endpoint.oidc=" + emulator.endpoint(),
                    "aws.sso.endpoint.portal=" + emulator.endpoint());
    }

    @Test
    void gaugesAndCountersFollowTheSession() {
        this.emulator.setCredentialsLifetime(Duration.ofSeconds(3));
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("aws.sso.token.remaining").gauge().value()).isBetween(3500.0, 3600.0);
            assertThat(registry.get("aws.sso.credentials.remaining").tag("role", "default").gauge().value()).isNaN();
            assertThat(registry.get("aws.sso.session.remaining").gauge().value()).isGreaterThan(7 * 3600.0);

            context.getBean(AwsCredentialsProvider.class).resolveCredentials();

            assertThat(registry.get("aws.sso.credentials.remaining").gauge().value()).isBetween(0.0, 3.0);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("aws.sso.refreshes")
                    .tags("kind", "credentials", "outcome", "success")
                    .counter()
                    .count() >= 2);
            assertThat(registry.get("aws.sso.refreshes").tags("kind", "credentials", "outcome", "failure")
                .counter()
                .count()).isZero();
        });
    }

    @Test
    void roleMetersCarryTheirRoleAndTokenRefreshesTheFirstRoleOfTheirSignIn() throws IOException {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.emulator.signIn("other").writeCacheFile(this.home.resolve(".aws/sso/cache"));
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
                    "aws.sso.roles.audit.profile=audit-sso")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                AwsSsoRoles roles = context.getBean(AwsSsoRoles.class);
                for (String role : List.of("default", "tools", "audit")) {
                    assertThat(credentialsRemaining(registry, role)).as(role).isNaN();
                }

                roles.credentialsProvider("tools").resolveCredentials();
                roles.credentialsProvider("audit").resolveCredentials();
                roles.registry().sessions().get(1).tokens().refreshNow();

                assertThat(credentialsRemaining(registry, "tools")).isBetween(3500.0, 3600.0);
                assertThat(credentialsRemaining(registry, "audit")).isBetween(3500.0, 3600.0);
                assertThat(credentialsRemaining(registry, "default")).isNaN();
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> refreshes(registry, "credentials", "tools") == 1
                            && refreshes(registry, "credentials", "audit") == 1
                            && refreshes(registry, "token", "audit") == 1);
                assertThat(refreshes(registry, "credentials", "default")).isZero();
                assertThat(refreshes(registry, "token", "default")).isZero();
                assertThat(registry.get("aws.sso.refreshes").counters())
                    .allSatisfy((counter) -> assertThat(counter.getId().getTags())
                        .extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("kind", "outcome", "role"));
            });
    }

    private static double credentialsRemaining(MeterRegistry registry, String role) {
        return registry.get("aws.sso.credentials.remaining").tag("role", role).gauge().value();
    }

    private static double refreshes(MeterRegistry registry, String kind, String role) {
        return registry.get("aws.sso.refreshes")
            .tags("kind", kind, "outcome", "success", "role", role)
            .counter()
            .count();
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
