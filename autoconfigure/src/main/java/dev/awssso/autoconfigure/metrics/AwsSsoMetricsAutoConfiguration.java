package dev.awssso.autoconfigure.metrics;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoRoles;
import dev.awssso.core.SsoEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the IAM Identity Center session and role metrics, when Micrometer is in use. Runs after
 * the meter registry's auto-configuration, named as in Spring Boot 4 and as in Spring Boot 3.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ SsoEngine.class, MeterRegistry.class })
public final class AwsSsoMetricsAutoConfiguration {

    /**
     * A SessionListener bean, attached to the roles' registry before it starts. None (a null bean) where an
     * AOT-processed application has no engine (see AwsSsoAutoConfiguration).
     */
    @Bean
    @ConditionalOnMissingBean
    @Nullable AwsSsoMetrics awsSsoMetrics(ObjectProvider<SsoEngine> engine, ObjectProvider<AwsSsoRoles> roles) {
        SsoEngine configured = engine.getIfAvailable();
        return (configured != null) ? new AwsSsoMetrics(configured::status, roles.getIfAvailable()) : null;
    }
}
