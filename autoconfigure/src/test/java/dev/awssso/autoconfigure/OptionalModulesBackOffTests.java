package dev.awssso.autoconfigure;

import java.nio.file.Path;

import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;
import dev.awssso.autoconfigure.health.AwsSsoHealthContributorAutoConfiguration;
import dev.awssso.autoconfigure.metrics.AwsSsoMetricsAutoConfiguration;
import dev.awssso.autoconfigure.web.AwsSsoWebSecurityAutoConfiguration;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.health.AwsSsoHealthIndicator;
import dev.awssso.boot.metrics.AwsSsoMetrics;
import dev.awssso.boot.web.RequestGuardWebFilter;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration of the starter steps aside, and the application still starts with the starter's
 * credentials, when the optional module it needs is not on the class path: the SDK's {@code sts}, Spring Boot
 * Actuator, Spring Boot's health module, Micrometer, Spring WebFlux or Spring MVC. (A missing {@code sso} or
 * {@code ssooidc} module fails start-up instead: {@link AwsSsoModulesAutoConfigurationTests}.)
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class OptionalModulesBackOffTests {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(AwsSsoModulesAutoConfiguration.class,
            AwsSsoAutoConfiguration.class, AwsSsoHealthContributorAutoConfiguration.class,
            AwsSsoEndpointAutoConfiguration.class, AwsSsoMetricsAutoConfiguration.class,
            AwsSsoWebSecurityAutoConfiguration.class);

    private static final AutoConfigurations ACTUATOR_WEB = AutoConfigurations.of(EndpointAutoConfiguration.class,
            WebEndpointAutoConfiguration.class);

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private String[] sso;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.sso = new String[] { "HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                "aws.sso.sso-session=corp", "aws.sso.start-url=" + emulator.startUrl(),
                "aws.sso.sso-region=" + emulator.ssoRegion(), "aws.sso.account-id=111122223333",
                "aws.sso.role-name=ReadOnly", "aws.sso.region=eu-west-1",
                "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint(),
                "aws.sso.endpoint.sts=" + emulator.endpoint(), "management.endpoints.web.exposure.include=awssso" };
    }

    @Test
    void withEveryModuleEachPartIsThere() {
        new WebApplicationContextRunner().withConfiguration(STARTER)
            .withConfiguration(ACTUATOR_WEB)
            .withUserConfiguration(MeterRegistryConfiguration.class)
            .withPropertyValues(this.sso)
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).hasSingleBean(RoleIdentityLookups.class)
                    .hasSingleBean(AwsSsoHealthIndicator.class)
                    .hasSingleBean(AwsSsoEndpoint.class)
                    .hasSingleBean(AwsSsoMetrics.class)
                    .hasBean("awsSsoRequestGuardFilter");
            });
    }

    @Test
    void withoutStsTheHealthCheckStillJudgesTheSessionButCannotVerifyTheIdentity() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues(this.sso)
            .withPropertyValues("management.health.awssso.verify-identity=true")
            .withClassLoader(new FilteredClassLoader(StsClient.class))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).doesNotHaveBean(RoleIdentityLookups.class);
                Health health = context.getBean(AwsSsoHealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("account", "111122223333").doesNotContainKey("arn");
            });
    }

    @Test
    void withoutTheActuatorThereIsNoEndpointNoHealthAndNoGuard() {
        new WebApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues(this.sso)
            .withClassLoader(
                    new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).doesNotHaveBean(AwsSsoEndpoint.class)
                    .doesNotHaveBean(AwsSsoHealthIndicator.class)
                    .doesNotHaveBean(FilterRegistrationBean.class);
            });
    }

    @Test
    void withoutTheHealthModuleTheEndpointStaysAndTheHealthIndicatorGoes() {
        new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues(this.sso)
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).hasSingleBean(AwsSsoEndpoint.class).doesNotHaveBean(AwsSsoHealthIndicator.class);
            });
    }

    @Test
    void withoutMicrometerThereAreNoMetricsEvenBesideARegistryBean() {
        new ApplicationContextRunner().withConfiguration(STARTER)
            .withUserConfiguration(MeterRegistryConfiguration.class)
            .withPropertyValues(this.sso)
            .withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).doesNotHaveBean(AwsSsoMetrics.class);
            });
    }

    @Test
    void aServletApplicationWithoutWebFluxGetsTheServletGuardOnly() {
        new WebApplicationContextRunner().withConfiguration(STARTER)
            .withConfiguration(ACTUATOR_WEB)
            .withPropertyValues(this.sso)
            .withClassLoader(new FilteredClassLoader("org.springframework.web.reactive",
                    "org.springframework.web.server", "reactor.core"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).hasBean("awsSsoRequestGuardFilter").doesNotHaveBean(RequestGuardWebFilter.class);
            });
    }

    @Test
    void aWebFluxApplicationWithoutTheServletApiGetsTheWebFilterOnly() {
        new ReactiveWebApplicationContextRunner().withConfiguration(STARTER)
            .withConfiguration(ACTUATOR_WEB)
            .withPropertyValues(this.sso)
            .withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).hasSingleBean(RequestGuardWebFilter.class)
                    .doesNotHaveBean(FilterRegistrationBean.class);
            });
    }

    @Test
    void withoutSpringWebTheEndpointStaysAndNoGuardIsAdded() {
        new ApplicationContextRunner().withConfiguration(STARTER)
            .withConfiguration(ACTUATOR_WEB)
            .withPropertyValues(this.sso)
            .withClassLoader(new FilteredClassLoader("org.springframework.web", "jakarta.servlet"))
            .run((context) -> {
                assertStartsWithTheStartersCredentials(context);
                assertThat(context).hasSingleBean(AwsSsoEndpoint.class)
                    .doesNotHaveBean(FilterRegistrationBean.class)
                    .doesNotHaveBean(RequestGuardWebFilter.class);
            });
    }

    private static <C extends ApplicationContext> void assertStartsWithTheStartersCredentials(
            ApplicationContextAssertProvider<C> context) {
        assertThat(context).hasNotFailed().hasSingleBean(AwsCredentialsProvider.class);
        assertThat(context.getBean(AwsCredentialsProvider.class).getClass().getName()).startsWith("dev.awssso.");
    }

    @Configuration(proxyBeanMethods = false)
    static class MeterRegistryConfiguration {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
