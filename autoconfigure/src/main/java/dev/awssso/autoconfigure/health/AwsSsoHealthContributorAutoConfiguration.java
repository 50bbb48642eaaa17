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

/**
 * Auto-configuration of the {@code awssso} health indicator ({@code /actuator/health/awssso}), removed with
 * {@code management.health.awssso.enabled=false}.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SsoEngine.class)
@ConditionalOnEnabledHealthIndicator("awssso")
public final class AwsSsoHealthContributorAutoConfiguration {

    /** Reports "not configured" where an AOT-processed application has no engine (see AwsSsoAutoConfiguration). */
    @Bean
    @ConditionalOnMissingBean(name = { "awsssoHealthIndicator", "awsssoHealthContributor" })
    HealthIndicator awsssoHealthIndicator(ObjectProvider<SsoEngine> engineProvider, AwsSsoProperties properties,
            ObjectProvider<CallerIdentityLookup> identityLookup) {
        SsoEngine engine = engineProvider.getIfAvailable();
        if (engine == null) {
            return new NotConfiguredHealthIndicator();
        }
        CallerIdentityLookup identityCheck = properties.getHealth().isVerifyIdentity() ? identityLookup.getIfAvailable()
                : null;
        return new AwsSsoHealthIndicator(engine::status, identityCheck);
    }
}
