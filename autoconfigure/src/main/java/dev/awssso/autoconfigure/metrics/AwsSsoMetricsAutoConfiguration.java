package dev.awssso.autoconfigure.metrics;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.core.SsoEngine;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the IAM Identity Center session metrics, when Micrometer is in use. */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ SsoEngine.class, MeterRegistry.class })
public final class AwsSsoMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AwsSsoMetrics awsSsoMetrics(SsoEngine engine) {
        // a SessionListener bean: attached to the engine before it starts
        return new AwsSsoMetrics(engine::status);
    }
}
