package dev.awssso.autoconfigure.health;

import java.util.Map;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.health.AwsSsoHealthCheck;
import dev.awssso.boot.health.AwsSsoHealthChecks;
import dev.awssso.boot.health.AwsSsoHealthIndicator;
import dev.awssso.boot.health.NotConfiguredHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) on Spring Boot 4's
 * health API (module {@code spring-boot-health}), removed with {@code management.health.awssso.enabled=false}. With
 * named roles it is a composite: the sign-in and default role ({@code /actuator/health/awssso/default}) and one
 * indicator per role ({@code /actuator/health/awssso/tools}), see {@link AwsSsoHealthChecks}. On
 * Spring Boot 3, the module {@code aws-sso-spring-boot3-health} configures it instead.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(AwsSsoService.class)
public final class AwsSsoHealthContributorAutoConfiguration {

    /**
     * Apart from the class condition, whose failure then keeps Spring from reading this class's conditions, which
     * spring-boot-health holds.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("awssso")
    @EnableConfigurationProperties(AwsSsoHealthIndicatorProperties.class)
    static class HealthIndicatorConfiguration {

        /**
         * The indicator of the sign-in; with named roles, a composite of it ({@code default}) and one indicator per
         * role. Reports "not configured" where IAM Identity Center is not (see AwsSsoService). The identity checks
         * need the SDK's sts module, whose look-ups are optional.
         */
        @Bean
        @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
        HealthContributor awsssoHealthIndicator(AwsSsoService service, AwsSsoProperties properties,
                AwsSsoHealthIndicatorProperties healthProperties,
                ObjectProvider<RoleIdentityLookups> identityLookups) {
            if (!service.isConfigured()) {
                return new NotConfiguredHealthIndicator();
            }
            boolean verify = healthProperties.verifyIdentity(properties);
            Map<String, AwsSsoHealthCheck> checks = AwsSsoHealthChecks.of(service,
                    verify ? identityLookups.getIfAvailable() : null);
            if (checks.size() == 1) {
                return new AwsSsoHealthIndicator(checks.values().iterator().next());
            }
            return CompositeHealthContributor.fromMap(checks, AwsSsoHealthIndicator::new);
        }
    }
}
