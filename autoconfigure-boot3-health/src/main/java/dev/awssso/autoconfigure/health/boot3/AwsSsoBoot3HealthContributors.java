package dev.awssso.autoconfigure.health.boot3;

import java.util.Map;

import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.health.AwsSsoHealthCheck;
import dev.awssso.boot.health.boot3.AwsSsoBoot3HealthIndicator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code awssso} health of Spring Boot 3 made of its checks: the single indicator of the sign-in without named
 * roles, else a composite with one indicator per check, by name; or the indicator that says nothing is configured.
 */
final class AwsSsoBoot3HealthContributors {

    private AwsSsoBoot3HealthContributors() {
    }

    /**
     * @param checks the checks by name, the sign-in and default role first (see
     *     {@link dev.awssso.boot.health.AwsSsoHealthChecks})
     */
    static HealthContributor of(Map<String, AwsSsoHealthCheck> checks) {
        if (checks.size() == 1) {
            return new AwsSsoBoot3HealthIndicator(checks.values().iterator().next());
        }
        return CompositeHealthContributor.fromMap(checks, AwsSsoBoot3HealthIndicator::new);
    }

    /**
     * The health where IAM Identity Center is not configured (an application AOT-processed with the starter in
     * place): {@code UNKNOWN}, saying so.
     */
    static HealthIndicator notConfigured() {
        return () -> Health.unknown().withDetail("configured", false).withDetail("reason",
                AwsSsoService.NOT_CONFIGURED).build();
    }
}
