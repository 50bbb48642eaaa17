package dev.awssso.core.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One mistake in the SSO configuration and how to fix it. Reads as {@code description + ": " + action}.
 *
 * @param description what is wrong, naming the property, key, section and file involved (no final period)
 * @param action the exact fix, starting in lower case and ending with a period
 */
public record ConfigurationProblem(String description, String action) implements Serializable {

    /** Checks that both parts are present. */
    public ConfigurationProblem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
    }

    @Override
    public String toString() {
        return this.description + ": " + this.action;
    }
}
