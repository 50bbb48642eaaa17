package dev.awssso.autoconfigure.health;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.account.CallerIdentityLookup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) on Spring Boot 4's
 * health API (module {@code spring-boot-health}), removed with {@code management.health.awssso.enabled=false}. On
 * Spring Boot 3, the module {@code aws-sso-spring-boot3-health} configures it instead.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(SsoEngine.class)
public final class AwsSsoHealthContributorAutoConfiguration {

    /**
     * Apart from the class condition, whose failure then keeps Spring from reading this class's conditions, which
     * spring-boot-health holds.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("awssso")
    static class HealthIndicatorConfiguration {

        /** Reports "not configured" where an AOT-processed application has no engine (see AwsSsoAutoConfiguration). */
        @Bean
        @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
        HealthIndicator awsssoHealthIndicator(ObjectProvider<SsoEngine> engineProvider, AwsSsoProperties properties,
                ObjectProvider<CallerIdentityLookup> identityLookup) {
            SsoEngine engine = engineProvider.getIfAvailable();
            if (engine == null) {
                return new NotConfiguredHealthIndicator();
            }
            CallerIdentityLookup identityCheck = properties.getHealth().isVerifyIdentity()
                    ? identityLookup.getIfAvailable() : null;
            return new AwsSsoHealthIndicator(new SessionHealth(engine::status, identityCheck));
        }
    }
}
