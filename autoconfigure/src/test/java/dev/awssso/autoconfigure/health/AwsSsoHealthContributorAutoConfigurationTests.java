package dev.awssso.autoconfigure.health;

import java.nio.file.Path;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.boot.health.AwsSsoHealthIndicator;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoHealthContributorAutoConfigurationTests {

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsSsoHealthContributorAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.sso-session=corp", "aws.sso.start-url=" + emulator.startUrl(),
                    "aws.sso.sso-region=" + emulator.ssoRegion(), "aws.sso.account-id=111122223333",
                    "aws.sso.role-name=ReadOnly", "aws.sso.region=eu-west-1",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint(),
                    "aws.sso.endpoint.sts=" + emulator.endpoint());
    }

    @Test
    void registersTheAwsssoHealthIndicator() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AwsSsoHealthIndicator.class)
            .hasBean("awsssoHealthIndicator"));
    }

    @Test
    void canBeDisabled() {
        this.contextRunner.withPropertyValues("management.health.awssso.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(AwsSsoHealthIndicator.class));
    }

    @Test
    void isAbsentWithoutSsoConfiguration() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsSsoHealthContributorAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=")
            .run((context) -> assertThat(context).doesNotHaveBean(AwsSsoHealthIndicator.class));
    }

    @Test
    void backsOffForAnIndicatorOfTheSameName() {
        this.contextRunner.withUserConfiguration(OwnIndicatorConfiguration.class)
            .run((context) -> assertThat(context).doesNotHaveBean(AwsSsoHealthIndicator.class)
                .hasBean("awsssoHealthIndicator"));
    }

    @Test
    void isDownWithTheSignInCommandWhileSignedOut() {
        this.contextRunner.run((context) -> {
            Health health = context.getBean(AwsSsoHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", dev.awssso.core.status.SessionState.SIGNED_OUT);
            assertThat((String) health.getDetails().get("action")).contains("aws sso login --sso-session corp");
        });
    }

    @Test
    void isUpWithExpiriesWhileSignedInAndCanVerifyTheIdentity() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.withPropertyValues("management.health.awssso.verify-identity=true").run((context) -> {
            Health health = context.getBean(AwsSsoHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("tokenExpiresAt", "tokenTimeLeft", "sessionEndsAt")
                .containsEntry("account", "111122223333");
            assertThat((String) health.getDetails().get("arn")).contains(":assumed-role/ReadOnly/");
        });
    }

    @Test
    void verifyingTheIdentityAsksStsOnEveryCheck() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.withPropertyValues("management.health.awssso.verify-identity=true").run((context) -> {
            AwsSsoHealthIndicator indicator = context.getBean(AwsSsoHealthIndicator.class);
            indicator.health(true);
            long lookups = this.emulator.callCount(Operation.GET_CALLER_IDENTITY);

            indicator.health(true);
            indicator.health(true);

            assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).isEqualTo(lookups + 2);
        });
    }

    @Test
    void theFormerVerifyIdentityPropertyStillVerifiesUnlessTheNewOneSaysOtherwise() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.withPropertyValues("aws.sso.health.verify-identity=true").run((context) -> {
            assertThat((String) context.getBean(AwsSsoHealthIndicator.class).health(true).getDetails().get("arn"))
                .contains(":assumed-role/ReadOnly/");
        });
        this.contextRunner
            .withPropertyValues("aws.sso.health.verify-identity=true", "management.health.awssso.verify-identity=false")
            .run((context) -> {
                long lookups = this.emulator.callCount(Operation.GET_CALLER_IDENTITY);
                assertThat(context.getBean(AwsSsoHealthIndicator.class).health(true).getDetails())
                    .doesNotContainKey("arn");
                assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY)).isEqualTo(lookups);
            });
    }

    @Test
    void withNamedRolesIsACompositeOfTheSignInAndEachRoleThatCanVerifyEachIdentity() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner
            .withPropertyValues("management.health.awssso.verify-identity=true",
                    "aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly")
            .run((context) -> {
                CompositeHealthContributor composite = context.getBean("awsssoHealthIndicator",
                        CompositeHealthContributor.class);
                assertThat(composite.stream().map(HealthContributors.Entry::name)).containsExactly("default", "tools");
                Health session = ((HealthIndicator) composite.getContributor("default")).health(true);
                assertThat(session.getDetails()).containsKeys("tokenExpiresAt", "sessionEndsAt");
                Health tools = ((HealthIndicator) composite.getContributor("tools")).health(true);
                assertThat(tools.getStatus()).isEqualTo(Status.UP);
                assertThat(tools.getDetails()).containsEntry("account", "222233334444");
                assertThat((String) tools.getDetails().get("arn")).contains("::222233334444:assumed-role/ReadOnly/");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicatorConfiguration {

        @Bean
        HealthIndicator awsssoHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}
