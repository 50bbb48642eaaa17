package dev.awssso.autoconfigure.health.boot3;

import dev.awssso.autoconfigure.health.SessionHealth;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code awssso} health indicator of Spring Boot 3: reports what {@link SessionHealth} finds, UP while valid
 * credentials can be served and DOWN otherwise, with the session's details.
 */
public class AwsSsoBoot3HealthIndicator extends AbstractHealthIndicator {

    private final SessionHealth health;

    /**
     * @param health the check of the sign-in
     */
    public AwsSsoBoot3HealthIndicator(SessionHealth health) {
        super("IAM Identity Center health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SessionHealth.Report report = this.health.check();
        builder.status(report.up() ? Status.UP : Status.DOWN).withDetails(report.details());
    }
}
