package dev.awssso.core.config;

import java.util.List;

/**
 * Thrown when the SSO configuration cannot be used. Carries every problem found, each with its fix, so that they
 * can all be corrected at once.
 */
public class SsoConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigurationProblem> problems;

    /**
     * Creates an exception for the given problems.
     * @param problems the problems found, at least one
     */
    public SsoConfigurationException(List<ConfigurationProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found, in the order they were detected.
     */
    public List<ConfigurationProblem> problems() {
        return this.problems;
    }

    private static String message(List<ConfigurationProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("At least one problem is required");
        }
        StringBuilder message = new StringBuilder("Invalid AWS SSO configuration (")
            .append(problems.size())
            .append((problems.size() == 1) ? " problem):" : " problems):");
        problems.forEach((problem) -> message.append(System.lineSeparator()).append(" - ").append(problem));
        return message.toString();
    }
}
