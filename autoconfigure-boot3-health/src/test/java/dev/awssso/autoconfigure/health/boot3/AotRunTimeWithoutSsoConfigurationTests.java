package dev.awssso.autoconfigure.health.boot3;

import java.nio.file.Path;
import java.util.Map;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.autoconfigure.health.AwsSsoHealthIndicatorProperties;
import dev.awssso.boot.AwsSsoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 3.5 application AOT-processed with the starter in place, run where nothing configures IAM Identity
 * Center: its bean definitions were fixed at build time, so the health indicator's definition is there although
 * there is no engine. The run is simulated as the generated code runs it: the auto-configurations' bean methods
 * registered as definitions, no condition evaluated, each bean made by its method with its arguments autowired.
 */
class AotRunTimeWithoutSsoConfigurationTests {

    @TempDir
    Path home;

    @Test
    void theHealthIndicatorIsCreatedAndSaysThatNothingIsConfigured() {
        try (GenericApplicationContext application = new GenericApplicationContext()) {
            application.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("run", Map.of("HOME", this.home.toString(), "AWS_PROFILE", "",
                        "AWS_CONFIG_FILE", "")));
            application.registerBean(AwsSsoProperties.class);
            application.registerBean(AwsSsoHealthIndicatorProperties.class);
            register(application, AwsSsoAutoConfiguration.class, "awsSsoConfiguration",
                    "awsSsoEngine", "awsSsoRoles", "awsSsoService");
            register(application, AwsSsoBoot3HealthContributorAutoConfiguration.HealthIndicatorConfiguration.class,
                    "awsssoHealthIndicator");
            application.refresh();

            assertThat(application.getBean(AwsSsoService.class).state())
                .isEqualTo(AwsSsoService.State.NOT_CONFIGURED);
            Health health = application.getBean("awsssoHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsEntry("configured", false)
                .containsEntry("reason", AwsSsoService.NOT_CONFIGURED);
        }
    }

    /** Registers the configuration class and a definition for each of its bean methods, as AOT's code does. */
    private static void register(GenericApplicationContext application, Class<?> configuration, String... beans) {
        String configurationName = configuration.getName();
        application.registerBeanDefinition(configurationName, new RootBeanDefinition(configuration));
        for (String bean : beans) {
            RootBeanDefinition definition = new RootBeanDefinition();
            definition.setFactoryBeanName(configurationName);
            definition.setFactoryMethodName(bean);
            definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            application.registerBeanDefinition(bean, definition);
        }
    }
}
