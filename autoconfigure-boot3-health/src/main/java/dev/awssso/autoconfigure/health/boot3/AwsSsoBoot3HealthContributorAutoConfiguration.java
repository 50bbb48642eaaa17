package dev.awssso.autoconfigure.health.boot3;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.autoconfigure.health.SessionHealth;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.account.CallerIdentityLookup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) on Spring Boot 3's
 * health API, removed with {@code management.health.awssso.enabled=false}. Spring Boot 4 has no such API: there
 * {@code AwsSsoHealthContributorAutoConfiguration} of aws-sso-spring-boot-autoconfigure configures it instead.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(SsoEngine.class)
public final class AwsSsoBoot3HealthContributorAutoConfiguration {

    /**
     * Apart from the class condition, whose failure then keeps Spring from reading this class's conditions, which
     * Spring Boot 3's spring-boot-actuator-autoconfigure holds.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("awssso")
    static class HealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
        AwsSsoBoot3HealthIndicator awsssoHealthIndicator(SsoEngine engine, AwsSsoProperties properties,
                ObjectProvider<CallerIdentityLookup> identityLookup) {
            CallerIdentityLookup identityCheck = properties.getHealth().isVerifyIdentity()
                    ? identityLookup.getIfAvailable() : null;
            return new AwsSsoBoot3HealthIndicator(new SessionHealth(engine::status, identityCheck));
        }
    }
}
