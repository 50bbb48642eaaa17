package dev.awssso.autoconfigure.metrics;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.metrics.AwsSsoMetrics;
import io.micrometer.core.instrument.MeterRegistry;

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
@ConditionalOnBean({ AwsSsoService.class, MeterRegistry.class })
public final class AwsSsoMetricsAutoConfiguration {

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
