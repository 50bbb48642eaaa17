package dev.awssso.autoconfigure;

import java.nio.file.Path;

import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing {@code sso} or {@code ssooidc} module of the AWS SDK fails start-up, naming the dependency to add. */
class AwsSsoModulesAutoConfigurationTests {

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles() {
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AwsSsoModulesAutoConfiguration.class, AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=");
    }

    @Test
    void aMissingSsoModuleFailsStartUpNamingTheDependency() {
        configuredWithout(SsoClient.class).run((context) -> {
            FailureAnalysis analysis = startUpFailureAnalysis(context);
            assertThat(analysis.getDescription()).contains("the AWS SDK module(s) sso are not on the class path");
            assertThat(analysis.getAction())
                .contains("add software.amazon.awssdk:sso (versions from the AWS SDK BOM)",
                        "dev.awssso:aws-sso-spring-boot-starter")
                .doesNotContain("ssooidc");
        });
    }

    @Test
    void aMissingSsooidcModuleFailsStartUpNamingTheDependency() {
        configuredWithout(SsoOidcClient.class).run((context) -> {
            FailureAnalysis analysis = startUpFailureAnalysis(context);
            assertThat(analysis.getDescription()).contains("the AWS SDK module(s) ssooidc are not on the class path");
            assertThat(analysis.getAction()).contains(
                    "add software.amazon.awssdk:ssooidc (versions from the AWS SDK BOM)",
                    "dev.awssso:aws-sso-spring-boot-starter");
        });
    }

    @Test
    void bothMissingModulesAreNamed() {
        configuredWithout(SsoClient.class, SsoOidcClient.class).run((context) -> {
            FailureAnalysis analysis = startUpFailureAnalysis(context);
            assertThat(analysis.getDescription())
                .contains("the AWS SDK module(s) sso and ssooidc are not on the class path");
            assertThat(analysis.getAction())
                .contains("add software.amazon.awssdk:sso and software.amazon.awssdk:ssooidc");
        });
    }

    @Test
    void theModuleCheckStaysQuietWithoutSsoConfiguration() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(SsoClient.class, SsoOidcClient.class))
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void theModuleCheckStaysQuietWhenTheStarterIsSwitchedOff() {
        configuredWithout(SsoClient.class, SsoOidcClient.class).withPropertyValues("aws.sso.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AwsCredentialsProvider.class));
    }

    private ApplicationContextRunner configuredWithout(Class<?>... missing) {
        return this.contextRunner
            .withPropertyValues("aws.sso.start-url=" + IdentityCenterEmulator.DEFAULT_START_URL,
                    "aws.sso.sso-region=us-east-1", "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly")
            .withClassLoader(new FilteredClassLoader(missing));
    }

    private static FailureAnalysis startUpFailureAnalysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return new SsoConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
    }
}
