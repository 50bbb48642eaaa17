package dev.awssso.autoconfigure.endpoint;

import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.endpoint.AwsSsoEndpointWebExtension;
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
        AwsSsoEndpoint.StatusDescriptor status = this.endpoint.status();
        assertThat(status.state()).isEqualTo("NOT_CONFIGURED");
        assertThat(status.configured()).isFalse();
        assertThat(status.nextAction()).startsWith("IAM Identity Center is not configured");
        assertThat(status.identity()).isNull();
        assertThat(status.roles()).isEmpty();
        assertThatExceptionOfType(AwsSsoEndpoint.NotConfiguredException.class)
            .isThrownBy(() -> this.endpoint.detail("identity", null, null, null))
            .withMessageStartingWith("IAM Identity Center is not configured");
        assertThatExceptionOfType(AwsSsoEndpoint.NotConfiguredException.class)
            .isThrownBy(() -> this.endpoint.detail("accounts", null, null, null));
        assertThat(this.endpoint.detail("other", null, null, null)).isNull();
    }

    @Test
    void actionsAreRefused() {
        AwsSsoEndpoint.ActionResult result = this.endpoint.action("login", null, null);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.outcome()).isEqualTo(AwsSsoEndpoint.Outcome.NOT_CONFIGURED);
        assertThat(result.message()).contains("not configured");
        assertThat(result.status().state()).isEqualTo("NOT_CONFIGURED");
    }

    @Test
    void overHttpTheReadsAndActionsAre404() {
        AwsSsoEndpointWebExtension web = new AwsSsoEndpointWebExtension(this.endpoint);
        assertThat(web.detail("identity", null, null, null).getStatus()).isEqualTo(404);
        assertThat(web.detail("other", null, null, null).getStatus()).isEqualTo(404);
        assertThat(web.action("login", null, null).getStatus()).isEqualTo(404);
        assertThat(web.action("login", null, null).getBody()).satisfies(
                (result) -> assertThat(result.outcome()).isEqualTo(AwsSsoEndpoint.Outcome.NOT_CONFIGURED));
    }
}
