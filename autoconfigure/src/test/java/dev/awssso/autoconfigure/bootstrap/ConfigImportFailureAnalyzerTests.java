package dev.awssso.autoconfigure.bootstrap;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ConfigImportFailureAnalyzer} reports, told by the exception's type.
 */
class ConfigImportFailureAnalyzerTests {

    private static final SsoSessionException SIGNED_OUT = new SsoSessionException(Reason.SIGNED_OUT,
            "Not signed in to IAM Identity Center. Sign in with `aws sso login --sso-session corp`.", null);

    private final ConfigImportFailureAnalyzer analyzer = new ConfigImportFailureAnalyzer();

    @Test
    void theImportsCredentialsFailureIsExplainedWhereverItIsWrapped() {
        RuntimeException failure = new IllegalStateException("Could not import",
                new ConfigImportCredentialsException(SIGNED_OUT));

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
            .isEqualTo("Configuration could not be imported from AWS (spring.config.import): "
                    + SIGNED_OUT.getMessage());
        assertThat(analysis.getAction()).contains("aws.sso.login.on-startup=true")
            .contains("optional:aws-parameterstore:");
    }

    @Test
    void aSessionFailureOutsideTheImportsIsNotExplainedAsAnImport() {
        assertThat(this.analyzer.analyze(new IllegalStateException("A bean failed", SIGNED_OUT))).isNull();
    }

}
