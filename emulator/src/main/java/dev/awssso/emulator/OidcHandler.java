package dev.awssso.emulator;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.SessionRegistry.RefreshedTokens;

/**
 * The SSO OIDC operations.
 */
final class OidcHandler {

    private static final String REFRESH_TOKEN_GRANT = "refresh_token";

    private final ClientRegistry clients;

    private final SessionRegistry sessions;

    OidcHandler(ClientRegistry clients, SessionRegistry sessions) {
        this.clients = clients;
        this.sessions = sessions;
    }

    /**
     * {@code CreateToken}; only the {@code refresh_token} grant so far.
     */
    Reply createToken(Request request) {
        JsonBody body = JsonBody.parse(request.body());
        String clientId = body.string("clientId");
        String clientSecret = body.string("clientSecret");
        String grantType = body.string("grantType");
        if (clientId == null || clientSecret == null || grantType == null) {
            throw new ServiceError(400, "InvalidRequestException", "clientId, clientSecret and grantType are required");
        }
        if (!this.clients.authenticate(clientId, clientSecret)) {
            throw new ServiceError(401, "InvalidClientException", "Invalid client credentials");
        }
        if (!REFRESH_TOKEN_GRANT.equals(grantType)) {
            throw new ServiceError(400, "UnsupportedGrantTypeException",
                    "The emulator does not support the grant type " + grantType);
        }
        String refreshToken = body.string("refreshToken");
        if (refreshToken == null) {
            throw new ServiceError(400, "InvalidRequestException", "refreshToken is required");
        }
        RefreshedTokens tokens = this.sessions.refresh(clientId, refreshToken)
            .orElseThrow(() -> new ServiceError(400, "InvalidGrantException", "Invalid refresh token provided"));
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("accessToken").writeValue(tokens.accessToken());
        json.writeFieldName("tokenType").writeValue("Bearer");
        json.writeFieldName("expiresIn").writeValue((int) tokens.expiresIn().getSeconds());
        if (tokens.refreshToken() != null) {
            json.writeFieldName("refreshToken").writeValue(tokens.refreshToken());
        }
        return Reply.json(json.writeEndObject().getBytes());
    }

}
