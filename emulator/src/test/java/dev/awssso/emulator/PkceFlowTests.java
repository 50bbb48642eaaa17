package dev.awssso.emulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The PKCE authorization code flow as {@code aws sso login} runs it, through the real {@code SsoOidcClient},
 * approved without a browser.
 */
class PkceFlowTests extends SignInFlowTests {

    private RegisterClientResponse client;

    private String verifier;

    private String state;

    @BeforeEach
    void registerClient() {
        this.client = registerPkceClient("botocore-client-my-sso");
        this.verifier = codeVerifier();
        this.state = state();
    }

    @Test
    void approvedCodeIsRedeemedForANewSession() {
        URI redirect = this.emulator.approveAuthorization(authorizeUrl());

        assertThat(redirect.toString()).startsWith(REDIRECT_URI + "?code=");
        Map<String, String> callback = query(redirect);
        assertThat(callback).containsOnlyKeys("code", "state").containsEntry("state", this.state);
        CreateTokenResponse tokens = redeemCode(this.client, callback.get("code"), REDIRECT_URI, this.verifier);
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isBetween(3599, 3600);
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(this.clients.roleCredentials(tokens.accessToken()).accessKeyId()).startsWith("ASIA");
        EmulatedSession session = this.emulator.latestSession();
        assertThat(session.accessToken()).isEqualTo(tokens.accessToken());
        assertThat(session.clientId()).isEqualTo(this.client.clientId());
        assertThat(this.clients.refresh(session, tokens.refreshToken()).accessToken()).isNotBlank();
        assertThat(this.emulator.issuedSecrets()).contains(callback.get("code"));
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isZero();
    }

    @Test
    void challengeIsTheUnpaddedBase64UrlOfTheVerifiersSha256() {
        // RFC 7636, appendix B
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
            .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
        assertThat(Pkce.verifies(null, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isFalse();
    }

    @Test
    void wrongVerifierIsAnInvalidGrant() {
        String code = approvedCode();

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, code, REDIRECT_URI, codeVerifier()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.error()).isEqualTo("invalid_grant");
            });
    }

    @Test
    void redirectUriOtherThanTheAuthorizationRequestsIsAnInvalidGrant() {
        String code = approvedCode();

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, code, "http://127.0.0.1:54322/oauth/callback", this.verifier));
    }

    @Test
    void codeIsRedeemedOnce() {
        String code = approvedCode();
        redeemCode(this.client, code, REDIRECT_URI, this.verifier);

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, code, REDIRECT_URI, this.verifier));
        assertThat(this.emulator.sessions()).hasSize(1);
    }

    @Test
    void codeIsUsedUpByAFailedRedemption() {
        String code = approvedCode();
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, code, REDIRECT_URI, codeVerifier()));

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, code, REDIRECT_URI, this.verifier));
    }

    @Test
    void codeOfAnotherClientIsAnInvalidGrant() {
        String code = approvedCode();
        RegisterClientResponse other = registerPkceClient("other");

        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(other, code, REDIRECT_URI, this.verifier));
        assertThat(redeemCode(this.client, code, REDIRECT_URI, this.verifier).accessToken()).isNotBlank();
    }

    @Test
    void unknownCodeIsAnInvalidGrantAndAMissingOneAnInvalidRequest() {
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> redeemCode(this.client, "unknown", REDIRECT_URI, this.verifier));
        assertThatExceptionOfType(InvalidRequestException.class)
            .isThrownBy(() -> this.clients.oidc.createToken((request) -> request.clientId(this.client.clientId())
                .clientSecret(this.client.clientSecret())
                .grantType("authorization_code")
                .redirectUri(REDIRECT_URI)
                .codeVerifier(this.verifier)));
    }

    @Test
    void deniedAuthorizationRedirectsWithAccessDenied() {
        URI redirect = this.emulator.denyAuthorization(authorizeUrl());

        assertThat(query(redirect)).containsOnly(Map.entry("error", "access_denied"), Map.entry("state", this.state));
        assertThat(redirect.toString()).startsWith(REDIRECT_URI + "?");
        assertThat(this.emulator.sessions()).isEmpty();
    }

    @Test
    void stateIsEncodedInTheRedirect() {
        String odd = "a b&c=d/é";

        URI redirect = this.emulator.approveAuthorization(authorizeUrl(this.client.clientId(), odd,
                Pkce.challenge(this.verifier)));

        assertThat(query(redirect)).containsEntry("state", odd);
    }

    @Test
    void invalidAuthorizationRequestsAreRefused() {
        assertRefused(with("client_id", "unknown"), "No client is registered with the id unknown");
        assertRefused(with("redirect_uri", "http://127.0.0.1:54321/elsewhere"), "is not registered for the client");
        assertRefused(with("redirect_uri", "https://127.0.0.1:54321/oauth/callback"), "is not registered");
        assertRefused(with("code_challenge_method", "plain"), "code_challenge_method must be S256");
        assertRefused(with("code_challenge_method", null), "code_challenge_method must be S256");
        assertRefused(with("code_challenge", null), "code_challenge parameter is missing");
        assertRefused(with("response_type", "token"), "response_type must be code");
        RegisterClientResponse deviceClient = registerDeviceClient();
        assertRefused(with("client_id", deviceClient.clientId()), "not registered for the authorization_code grant");
    }

    @Test
    void stateAndScopesAreOptional() {
        URI redirect = this.emulator.approveAuthorization(authorizeUrl(with("state", null)));
        this.emulator.approveAuthorization(authorizeUrl(with("scopes", null)));

        assertThat(query(redirect)).containsOnlyKeys("code");
    }

    private void assertRefused(Map<String, String> parameters, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.approveAuthorization(
                authorizeUrl(parameters)))
            .withMessageContaining(reason);
        assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.denyAuthorization(
                authorizeUrl(parameters)));
    }

    /**
     * The CLI's authorization request parameters with one changed, or removed if {@code value} is {@code null}.
     */
    private Map<String, String> with(String name, String value) {
        Map<String, String> parameters = new LinkedHashMap<>(query(authorizeUrl()));
        if (value == null) {
            parameters.remove(name);
        }
        else {
            parameters.put(name, value);
        }
        return parameters;
    }

    private URI authorizeUrl() {
        return authorizeUrl(this.client.clientId(), this.state, Pkce.challenge(this.verifier));
    }

    private String approvedCode() {
        return query(this.emulator.approveAuthorization(authorizeUrl())).get("code");
    }

}
