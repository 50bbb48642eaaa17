package dev.awssso.core.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SsoConfigurationExceptionTests {

    @Test
    void messageListsEveryProblemWithItsFix() {
        SsoConfigurationException exception = new SsoConfigurationException(
                List.of(new ConfigurationProblem("Missing role name", "set aws.sso.role-name."),
                        new ConfigurationProblem("Missing account id", "set aws.sso.account-id.")));
        assertThat(exception.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                "Invalid AWS SSO configuration (2 problems):", " - Missing role name: set aws.sso.role-name.",
                " - Missing account id: set aws.sso.account-id."));
    }

    @Test
    void messageOfSingleProblem() {
        SsoConfigurationException exception = new SsoConfigurationException(
                List.of(new ConfigurationProblem("Missing role name", "set aws.sso.role-name.")));
        assertThat(exception.getMessage()).startsWith("Invalid AWS SSO configuration (1 problem):");
        assertThat(exception.problems()).hasSize(1);
    }

    @Test
    void requiresAProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SsoConfigurationException(List.of()));
    }
}
