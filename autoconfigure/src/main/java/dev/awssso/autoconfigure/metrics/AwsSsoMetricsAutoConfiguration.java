package dev.awssso.autoconfigure.metrics;

import dev.awssso.autoconfigure.AwsLoginSessionAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.metrics.AwsSsoMetrics;
import dev.awssso.boot.metrics.LoginSessionMetrics;
import dev.awssso.core.engine.LoginSessionEngine;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the metrics of the IAM Identity Center sessions and roles, or of the {@code aws login}
 * session, when Micrometer is in use. Runs after the meter registry's auto-configuration, named as in Spring Boot 4
 * and as in Spring Boot 3.
 */
@AutoConfiguration(after = { AwsSsoAutoConfiguration.class, AwsLoginSessionAutoConfiguration.class }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class AwsSsoMetricsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(AwsSsoService.class)
    static class IdentityCenterMetricsConfiguration {

        /**
         * A SessionListener bean, attached to the roles' registry before it starts; registers no meter where IAM
         * Identity Center is not configured (see AwsSsoService).
         */
        @Bean
        @ConditionalOnMissingBean
        AwsSsoMetrics awsSsoMetrics(AwsSsoService service) {
            return AwsSsoMetrics.of(service);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(LoginSessionEngine.class)
    static class LoginSessionMetricsConfiguration {

        /** A LoginSessionListener bean, attached to the engine before it starts. */
        @Bean
        @ConditionalOnMissingBean
        LoginSessionMetrics awsLoginSessionMetrics(LoginSessionEngine engine) {
            return new LoginSessionMetrics(engine);
        }
    }
}
