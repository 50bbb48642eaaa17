package dev.awssso.autoconfigure.health.boot3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.awssso.autoconfigure.AwsLoginSessionAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.health.AwsLoginSessionHealthContributorAutoConfiguration;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.health.boot3.AwsSsoBoot3HealthIndicator;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on Spring Boot 3's health API whose {@code AWS_PROFILE} names an {@code aws login} profile: the
 * {@code awssso} health indicator reports the session, signed in to the emulator or not, and Spring Boot 4's
 * indicators step aside.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsLoginSessionBoot3HealthContributorAutoConfigurationTests {

    private static final String LOGIN_SESSION = IdentityCenterEmulator.DEFAULT_LOGIN_SESSION;

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles(IdentityCenterEmulator emulator) throws IOException {
        Files.createDirectories(this.home.resolve(".aws"));
        Files.writeString(this.home.resolve(".aws/config"), """
                [profile dev]
                login_session = %s
                region = eu-west-1
                """.formatted(LOGIN_SESSION));
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsLoginSessionAutoConfiguration.class, AwsSsoBoot3HealthContributorAutoConfiguration.class,
                    AwsLoginSessionBoot3HealthContributorAutoConfiguration.class,
                    AwsLoginSessionHealthContributorAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=dev", "AWS_CONFIG_FILE=",
                    "AWS_SHARED_CREDENTIALS_FILE=", "AWS_LOGIN_CACHE_DIRECTORY=" + loginCache(), "AWS_REGION=",
                    "aws.sso.endpoint.signin=" + emulator.endpoint());
    }

    @Test
    void signedInTheIndicatorIsUpWithTheSessionsDetails(IdentityCenterEmulator emulator) {
        Instant credentialsExpireAt = Instant.now().plus(Duration.ofMinutes(14)).truncatedTo(ChronoUnit.SECONDS);
        emulator.startLoginSession(LOGIN_SESSION).writeCacheFile(loginCache(), credentialsExpireAt);

        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LoginSessionEngine.class)
                .doesNotHaveBean(AwsSsoService.class).hasSingleBean(HealthContributor.class);
            HealthIndicator indicator = context.getBean("awsssoHealthIndicator", HealthIndicator.class);
            assertThat(indicator).isInstanceOf(AwsSsoBoot3HealthIndicator.class);
            context.getBean(AwsCredentialsProvider.class).resolveCredentials();

            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", SessionState.ACTIVE)
                .containsEntry("source", "aws login")
                .containsEntry("profile", "dev")
                .containsEntry("loginSession", LOGIN_SESSION)
                .containsEntry("account", IdentityCenterEmulator.DEFAULT_ACCOUNT_ID)
                .containsEntry("credentialsExpireAt", credentialsExpireAt.toString())
                .containsKeys("action", "sessionEndsAt");
        });
    }

    @Test
    void signedOutTheIndicatorIsDownAndNamesTheSignIn() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();

            Health health = context.getBean("awsssoHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", SessionState.SIGNED_OUT)
                .containsEntry("action", "Sign in with `aws login --profile dev`.")
                .doesNotContainKey("credentialsExpireAt");
        });
    }

    @Test
    void theIndicatorIsRemovedWhenDisabled() {
        this.contextRunner.withPropertyValues("management.health.awssso.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LoginSessionEngine.class)
                .doesNotHaveBean(HealthContributor.class));
    }

    @Test
    void anIndicatorOfTheApplicationsOwnTakesThePlaceOfTheStarters() {
        HealthIndicator own = () -> Health.up().build();
        this.contextRunner.withBean("awsssoHealthIndicator", HealthIndicator.class, () -> own)
            .run((context) -> assertThat(context).hasNotFailed()
                .getBean("awsssoHealthIndicator")
                .isSameAs(own));
    }

    private Path loginCache() {
        return this.home.resolve("login-cache");
    }
}
