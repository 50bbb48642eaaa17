package dev.awssso.boot.health.boot3;

import dev.awssso.boot.health.AwsSsoHealthCheck;
import dev.awssso.boot.health.SessionHealth;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code awssso} health indicator of Spring Boot 3 (or one of its roles' with named roles): reports what its
 * {@link AwsSsoHealthCheck} finds, UP while valid credentials can be served and DOWN otherwise, with the details of
 * the session or the role.
 */
public class AwsSsoBoot3HealthIndicator extends AbstractHealthIndicator {

    private final AwsSsoHealthCheck health;

    /**
     * @param health the check of the sign-in ({@link SessionHealth}), of an {@code aws login} session
     *     ({@link dev.awssso.boot.health.LoginSessionHealth}) or of a named role
     */
    public AwsSsoBoot3HealthIndicator(AwsSsoHealthCheck health) {
        super("IAM Identity Center health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SessionHealth.Report report = this.health.check();
        builder.status(report.up() ? Status.UP : Status.DOWN).withDetails(report.details());
    }
}
