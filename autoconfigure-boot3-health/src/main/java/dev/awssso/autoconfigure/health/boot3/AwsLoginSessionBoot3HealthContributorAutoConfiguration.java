package dev.awssso.autoconfigure.health.boot3;

import dev.awssso.autoconfigure.AwsLoginSessionAutoConfiguration;
import dev.awssso.boot.health.LoginSessionHealth;
import dev.awssso.boot.health.boot3.AwsSsoBoot3HealthIndicator;
import dev.awssso.core.engine.LoginSessionEngine;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) of an
 * {@code aws login} session on Spring Boot 3's health API, removed with
 * {@code management.health.awssso.enabled=false}. Spring Boot 4 has no such API: there
 * {@code AwsLoginSessionHealthContributorAutoConfiguration} of aws-sso-spring-boot-autoconfigure configures it
 * instead.
 */
@AutoConfiguration(after = AwsLoginSessionAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(LoginSessionEngine.class)
public final class AwsLoginSessionBoot3HealthContributorAutoConfiguration {

    /** Apart from the class condition, as in {@link AwsSsoBoot3HealthContributorAutoConfiguration}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("awssso")
    static class HealthIndicatorConfiguration {

        /** The indicator of the session, judged from its state alone. */
        @Bean
        @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
        HealthContributor awsssoHealthIndicator(LoginSessionEngine engine) {
            return new AwsSsoBoot3HealthIndicator(new LoginSessionHealth(engine::status));
        }
    }
}
