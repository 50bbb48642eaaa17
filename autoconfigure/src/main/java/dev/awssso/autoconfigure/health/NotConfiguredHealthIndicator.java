package dev.awssso.autoconfigure.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health where IAM Identity Center is not configured, in an application that was AOT-processed with the starter
 * in place (its beans step aside): {@code UNKNOWN}, saying so. Without AOT there is no indicator at all then.
 */
final class NotConfiguredHealthIndicator implements HealthIndicator {

    static final String REASON = "IAM Identity Center is not configured: AWS clients use the AWS SDK's default"
            + " credentials chain";

    @Override
    public Health health() {
        return Health.unknown().withDetail("configured", false).withDetail("reason", REASON).build();
    }
}
