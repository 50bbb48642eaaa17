package dev.awssso.autoconfigure;

import java.util.stream.Collectors;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.SsoConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link SsoConfigurationException} into Spring Boot's start-up report: every problem of the IAM
 * Identity Center configuration, and what to do about each.
 */
class SsoConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SsoConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SsoConfigurationException cause) {
        String description = cause.problems()
            .stream()
            .map((problem) -> "  - " + problem.description())
            .collect(Collectors.joining(System.lineSeparator(),
                    "The IAM Identity Center (SSO) configuration cannot be used:" + System.lineSeparator(), ""));
        String action = cause.problems()
            .stream()
            .map(ConfigurationProblem::action)
            .map((fix) -> "  - " + fix)
            .collect(Collectors.joining(System.lineSeparator(), "Fix the configuration:" + System.lineSeparator(),
                    System.lineSeparator() + "Set aws.sso.enabled=false to start without IAM Identity Center."));
        return new FailureAnalysis(description, action, cause);
    }
}
