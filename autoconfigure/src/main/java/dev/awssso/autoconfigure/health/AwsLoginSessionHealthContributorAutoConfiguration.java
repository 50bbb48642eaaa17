package dev.awssso.autoconfigure.health;

import dev.awssso.autoconfigure.AwsLoginSessionAutoConfiguration;
import dev.awssso.boot.health.AwsSsoHealthIndicator;
import dev.awssso.boot.health.LoginSessionHealth;
import dev.awssso.core.engine.LoginSessionEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) of an
 * {@code aws login} session on Spring Boot 4's health API, removed with
 * {@code management.health.awssso.enabled=false}.
 */
@AutoConfiguration(after = AwsLoginSessionAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(LoginSessionEngine.class)
public final class AwsLoginSessionHealthContributorAutoConfiguration {

    /** Apart from the class condition, as in {@link AwsSsoHealthContributorAutoConfiguration}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("awssso")
    static class HealthIndicatorConfiguration {

        /** The indicator of the session, judged from its state alone. */
        @Bean
        @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
        HealthContributor awsssoHealthIndicator(LoginSessionEngine engine) {
            return new AwsSsoHealthIndicator(new LoginSessionHealth(engine::status));
        }
    }
}
