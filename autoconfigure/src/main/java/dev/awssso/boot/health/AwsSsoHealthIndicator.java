package dev.awssso.boot.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code awssso} health indicator of Spring Boot 4 (or one of its roles' with named roles): reports what its
 * {@link AwsSsoHealthCheck} finds, UP while valid credentials can be served and DOWN otherwise, with the details of
 * the session or the role.
 */
public class AwsSsoHealthIndicator extends AbstractHealthIndicator {

    private final AwsSsoHealthCheck health;

    /**
     * @param health the check of the sign-in ({@link SessionHealth}) or of a named role ({@link RoleHealth})
     */
    public AwsSsoHealthIndicator(AwsSsoHealthCheck health) {
        super("IAM Identity Center health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SessionHealth.Report report = this.health.check();
        builder.status(report.up() ? Status.UP : Status.DOWN).withDetails(report.details());
    }
}
