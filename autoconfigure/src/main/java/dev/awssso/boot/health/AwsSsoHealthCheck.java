package dev.awssso.boot.health;

/**
 * A check of the {@code awssso} health, whichever health API of Spring Boot reports it: of the sign-in and the
 * default role ({@link SessionHealth}), or of a named role ({@link RoleHealth}).
 */
@FunctionalInterface
public interface AwsSsoHealthCheck {

    /**
     * Checks now.
     * @return whether it is up, and the details to show
     * @throws RuntimeException when the check cannot be made
     */
    SessionHealth.Report check();
}
