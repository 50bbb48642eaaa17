package dev.awssso.autoconfigure.endpoint;

import dev.awssso.autoconfigure.AwsSsoService;
import dev.awssso.core.login.LoginFlow;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint of an AOT-processed application that finds no SSO configuration where it runs: the reads say so,
 * the actions are refused.
 */
class AwsSsoEndpointNotConfiguredTests {

    private final AwsSsoEndpoint endpoint = new AwsSsoEndpoint(
            AwsSsoService.notConfigured(AnonymousCredentialsProvider::create), null, LoginFlow.PKCE);

    @Test
    void readsSayThatNothingIsConfigured() {
        assertThat(this.endpoint.status()).isInstanceOfSatisfying(AwsSsoEndpoint.NotConfigured.class,
                (answer) -> assertThat(answer.reason()).startsWith("IAM Identity Center is not configured"));
        assertThatExceptionOfType(AwsSsoEndpoint.NotConfiguredException.class)
            .isThrownBy(() -> this.endpoint.detail("identity", null, null, null))
            .withMessageStartingWith("IAM Identity Center is not configured");
        assertThatExceptionOfType(AwsSsoEndpoint.NotConfiguredException.class)
            .isThrownBy(() -> this.endpoint.detail("accounts", null, null, null));
        assertThat(this.endpoint.detail("other", null, null, null)).isNull();
    }

    @Test
    void actionsAreRefused() {
        assertThatExceptionOfType(AwsSsoEndpoint.NotConfiguredException.class)
            .isThrownBy(() -> this.endpoint.action("login", null, null))
            .withMessageContaining("not configured");
    }

    @Test
    void overHttpTheReadsAndActionsAre404() {
        AwsSsoEndpointWebExtension web = new AwsSsoEndpointWebExtension(this.endpoint);
        assertThat(web.detail("identity", null, null, null).getStatus()).isEqualTo(404);
        assertThat(web.detail("other", null, null, null).getStatus()).isEqualTo(404);
        assertThat(web.action("login", null, null).getStatus()).isEqualTo(404);
        assertThat(web.action("login", null, null).getBody()).isInstanceOfSatisfying(AwsSsoEndpoint.Failure.class,
                (failure) -> assertThat(failure.error()).contains("not configured"));
    }
}
