package dev.awssso.autoconfigure.endpoint;

import dev.awssso.core.login.LoginFlow;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint of an AOT-processed application that finds no SSO configuration where it runs: the reads say so,
 * the actions are refused.
 */
class AwsSsoEndpointNotConfiguredTests {

    private final AwsSsoEndpoint endpoint = new AwsSsoEndpoint(null, null, null, LoginFlow.PKCE);

    @Test
    void readsSayThatNothingIsConfigured() {
        assertThat(this.endpoint.status()).isInstanceOfSatisfying(AwsSsoEndpoint.NotConfigured.class,
                (answer) -> assertThat(answer.reason()).startsWith("IAM Identity Center is not configured"));
        assertThat(this.endpoint.detail("identity", null, null, null)).isInstanceOf(AwsSsoEndpoint.NotConfigured.class);
        assertThat(this.endpoint.detail("accounts", null, null, null)).isInstanceOf(AwsSsoEndpoint.NotConfigured.class);
        assertThat(this.endpoint.detail("other", null, null, null)).isNull();
    }

    @Test
    void actionsAreRefused() {
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> this.endpoint.action("login", null, null))
            .withMessageContaining("not configured");
    }
}
