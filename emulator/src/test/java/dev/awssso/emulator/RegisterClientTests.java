package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientMetadataException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRedirectUriException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OIDC {@code RegisterClient} through the real {@code SsoOidcClient}, in the two shapes the AWS CLI sends.
 */
class RegisterClientTests extends SignInFlowTests {

    @Test
    void deviceCodeRegistrationLastsNinetyDays() {
        RegisterClientResponse response = registerDeviceClient();

        assertThat(response.clientId()).isNotBlank();
        assertThat(response.clientSecret()).isNotBlank();
        assertThat(response.clientIdIssuedAt()).isEqualTo(this.clock.instant().getEpochSecond());
        assertThat(response.clientSecretExpiresAt()).isEqualTo(response.clientIdIssuedAt() + Duration.ofDays(90)
            .toSeconds());
        assertThat(this.emulator.issuedSecrets()).contains(response.clientSecret()).doesNotContain(response.clientId());
        assertThat(this.emulator.callCount(Operation.REGISTER_CLIENT)).isOne();
    }

    @Test
    void pkceRegistrationWithALoopbackRedirectUri() {
        RegisterClientResponse response = registerPkceClient("botocore-client-my-sso");

        assertThat(response.clientId()).isNotBlank().isNotEqualTo(registerDeviceClient().clientId());
        assertThat(response.clientSecret()).isNotBlank();
    }

    @Test
    void loopbackRedirectUrisMayHaveAPortAndAQuery() {
        assertThat(this.clients.oidc.registerClient((request) -> request.clientName("app")
            .clientType("public")
            .grantTypes("authorization_code")
            .redirectUris("http://127.0.0.1:8080/callback", "http://127.0.0.1/?from=app")).clientId()).isNotBlank();
    }

    @Test
    void registrationLifetimeIsConfigurable() {
        this.emulator.setRegistrationLifetime(Duration.ofHours(2));
        RegisterClientResponse response = registerDeviceClient();

        assertThat(Instant.ofEpochSecond(response.clientSecretExpiresAt()))
            .isEqualTo(this.clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void onlyPublicClientsAreAccepted() {
        assertThatExceptionOfType(InvalidClientMetadataException.class)
            .isThrownBy(() -> this.clients.oidc.registerClient((request) -> request.clientName("app")
                .clientType("confidential")))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("invalid_client_metadata");
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidClientMetadataException");
            });
        assertThatExceptionOfType(InvalidClientMetadataException.class)
            .isThrownBy(() -> this.clients.oidc.registerClient((request) -> request.clientName("app")));
    }

    @Test
    void clientNameIsRequired() {
        assertThatExceptionOfType(InvalidRequestException.class)
            .isThrownBy(() -> this.clients.oidc.registerClient((request) -> request.clientType("public")));
    }

    @Test
    void authorizationCodeGrantNeedsLoopbackRedirectUris() {
        for (String redirectUri : new String[] { "https://127.0.0.1/callback", "http://localhost/callback",
                "http://example.com/callback", "http://127.0.0.1", "http://user@127.0.0.1/callback",
                "http://127.0.0.1/callback#fragment", "not a uri" }) {
            assertThatExceptionOfType(InvalidRedirectUriException.class)
                .as(redirectUri)
                .isThrownBy(() -> this.clients.oidc.registerClient((request) -> request.clientName("app")
                    .clientType("public")
                    .grantTypes("authorization_code", "refresh_token")
                    .redirectUris(REGISTERED_REDIRECT_URI, redirectUri)))
                .satisfies((ex) -> {
                    assertThat(ex.statusCode()).isEqualTo(400);
                    assertThat(ex.error()).isEqualTo("invalid_redirect_uri");
                });
        }
        assertThatExceptionOfType(InvalidRedirectUriException.class)
            .isThrownBy(() -> this.clients.oidc.registerClient((request) -> request.clientName("app")
                .clientType("public")
                .grantTypes("authorization_code")));
    }

    @Test
    void redirectUrisAreNotCheckedWithoutTheAuthorizationCodeGrant() {
        assertThat(this.clients.oidc.registerClient((request) -> request.clientName("app")
            .clientType("public")
            .redirectUris("https://example.com/callback")).clientId()).isNotBlank();
    }

}
