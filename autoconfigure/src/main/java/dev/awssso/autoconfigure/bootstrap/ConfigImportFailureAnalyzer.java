package dev.awssso.autoconfigure.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a configuration import ({@code spring.config.import}) that failed because the IAM Identity Center
 * credentials were not available, most often because nobody is signed in: the session's message (with the command
 * that signs in) and the ways to go on. Runs before Spring Cloud AWS's analysis of the same failure, which cannot
 * say what to do.
 */
final class ConfigImportFailureAnalyzer extends AbstractFailureAnalyzer<ConfigImportCredentialsException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigImportCredentialsException cause) {
        return new FailureAnalysis("Configuration could not be imported from AWS (spring.config.import): "
                + cause.getMessage(),
                "Sign in as the message says, then start the application again. To sign in while the application"
                        + " starts, set aws.sso.login.on-startup=true (with aws.sso.login.flow=device-code on a host"
                        + " without a browser). To start without the imported configuration, write the import as"
                        + " optional:aws-parameterstore:... or optional:aws-secretsmanager:...",
                cause);
    }

    /** Before Spring Cloud AWS's analyzers, which match the exception that wraps this one. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
