package dev.awssso.autoconfigure.health.boot3;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.autoconfigure.health.AwsSsoHealthIndicatorProperties;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.health.AwsSsoHealthChecks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}) on Spring Boot 3's
 * health API, removed with {@code management.health.awssso.enabled=false}; with named roles, a composite of the
 * sign-in and default role ({@code /actuator/health/awssso/default}) and one indicator per role
 * ({@code /actuator/health/awssso/tools}). Spring Boot 4 has no such API: there
 * {@code AwsSsoHealthContributorAutoConfiguration} of aws-sso-spring-boot-autoconfigure configures it instead.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean(AwsSsoService.class)
public final class AwsSsoBoot3HealthContributorAutoConfiguration {

    /**
     * Apart from the class condition, whose failure then keeps Spring from reading this class's conditions, which
     * Spring Boot 3's spring-boot-actuator-autoconfigure holds.
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
                return AwsSsoBoot3HealthContributors.notConfigured();
            }
            boolean verify = healthProperties.verifyIdentity(properties);
            return AwsSsoBoot3HealthContributors.of(AwsSsoHealthChecks.of(service,
                    verify ? identityLookups.getIfAvailable() : null));
        }
    }
}
