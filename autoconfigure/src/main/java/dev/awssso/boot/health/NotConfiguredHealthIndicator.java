package dev.awssso.boot.health;

import dev.awssso.boot.AwsSsoService;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health where IAM Identity Center is not configured ({@link AwsSsoService.State#NOT_CONFIGURED}, in an
 * application that was AOT-processed with the starter in place): {@code UNKNOWN}, saying so. Without AOT there is
 * no indicator at all then.
 */
public final class NotConfiguredHealthIndicator implements HealthIndicator {

    @Override
    public Health health() {
        return Health.unknown().withDetail("configured", false).withDetail("reason", AwsSsoService.NOT_CONFIGURED)
            .build();
    }
}
