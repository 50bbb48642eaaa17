package dev.awssso.autoconfigure.endpoint;

import java.nio.file.Path;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.endpoint.AwsSsoEndpointWebExtension;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoEndpointAutoConfigurationTests {

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoEndpointAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly");
    }

    @Test
    void isNotAvailableUntilExposed() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AwsSsoEndpoint.class));
    }

    @Test
    void isAvailableWhenExposed() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health,awssso")
            .run((context) -> assertThat(context).hasSingleBean(AwsSsoEndpoint.class));
    }

    @Test
    void isNotAvailableWhenAccessIsNone() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=awssso",
                    "management.endpoint.awssso.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(AwsSsoEndpoint.class));
    }

    @Test
    void theIdentityNamesTheMissingStsModule() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=awssso")
            .withClassLoader(new FilteredClassLoader(StsClient.class))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(RoleIdentityLookups.class);
                WebEndpointResponse<Object> identity = context.getBean(AwsSsoEndpointWebExtension.class)
                    .detail("identity", null, null, null);
                assertThat(identity.getStatus()).isEqualTo(501);
                assertThat(identity.getBody())
                    .asInstanceOf(InstanceOfAssertFactories.type(AwsSsoEndpoint.Failure.class))
                    .extracting(AwsSsoEndpoint.Failure::error, InstanceOfAssertFactories.STRING)
                    .contains("add software.amazon.awssdk:sts to the application");
            });
    }

    @Test
    void isAbsentWithoutSsoConfiguration() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoEndpointAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "management.endpoints.web.exposure.include=awssso")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AwsSsoEndpoint.class));
    }
}
