package dev.awssso.emulator;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.ClientRegistry.Client;
import dev.awssso.emulator.SessionRegistry.IssuedTokens;

/**
 * SSO OIDC {@code CreateToken}, the token endpoint: the {@code refresh_token}, device code and
 * {@code authorization_code} grants.
 */
final class OidcHandler {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final ClientRegistry clients;

    private final SessionRegistry sessions;

    private final DeviceAuthorizations devices;

    private final AuthorizationCodes codes;

    OidcHandler(ClientRegistry clients, SessionRegistry sessions, DeviceAuthorizations devices,
            AuthorizationCodes codes) {
        this.clients = clients;
        this.sessions = sessions;
        this.devices = devices;
        this.codes = codes;
    }

    /**
     * {@code CreateToken}. A device code or authorization code starts a new session, with a refresh token if the
     * client registered scopes.
     */
    Reply createToken(Request request) {
        JsonBody body = JsonBody.parse(request.body());
        String clientId = body.string("clientId");
        String clientSecret = body.string("clientSecret");
        String grantType = body.string("grantType");
        if (clientId == null || clientSecret == null || grantType == null) {
            throw new ServiceError(400, "InvalidRequestException", "clientId, clientSecret and grantType are required");
        }
        Client client = this.clients.authenticate(clientId, clientSecret).orElseThrow(OidcHandler::invalidClient);
        IssuedTokens tokens = switch (grantType) {
            case ClientRegistry.REFRESH_TOKEN_GRANT -> this.sessions.refresh(clientId, required(body, "refreshToken"))
                .orElseThrow(() -> new ServiceError(400, "InvalidGrantException", "Invalid refresh token provided"));
            case DEVICE_CODE_GRANT -> this.sessions.signInApproved(
                    this.devices.redeem(clientId, required(body, "deviceCode")), client);
            case ClientRegistry.AUTHORIZATION_CODE_GRANT -> this.sessions.signInApproved(this.codes.redeem(clientId,
                    required(body, "code"), body.string("redirectUri"), body.string("codeVerifier")), client);
            default -> throw new ServiceError(400, "UnsupportedGrantTypeException",
                    "The emulator does not support the grant type " + grantType);
        };
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("accessToken").writeValue(tokens.accessToken());
        json.writeFieldName("tokenType").writeValue("Bearer");
        json.writeFieldName("expiresIn").writeValue((int) tokens.expiresIn().getSeconds());
        if (tokens.refreshToken() != null) {
            json.writeFieldName("refreshToken").writeValue(tokens.refreshToken());
        }
        return Reply.json(json.writeEndObject().getBytes());
    }

    static ServiceError invalidClient() {
        return new ServiceError(401, "InvalidClientException", "Invalid client credentials");
    }

    static String required(JsonBody body, String name) {
        String value = body.string(name);
        if (value == null || value.isEmpty()) {
            throw new ServiceError(400, "InvalidRequestException", name + " is required");
        }
        return value;
    }

}
