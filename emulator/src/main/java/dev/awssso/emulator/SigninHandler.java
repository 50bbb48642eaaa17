package dev.awssso.emulator;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.LoginSessions.Refreshed;

/**
 * AWS Sign-In {@code CreateOAuth2Token} ({@code POST /v1/token}, rest-json, unsigned): the {@code refresh_token}
 * grant with which the AWS CLI and SDKs renew {@code aws login} credentials, each request carrying a DPoP proof
 * by the session's key. The request body is the {@code tokenInput} structure, the answer's the
 * {@code tokenOutput}.
 */
final class SigninHandler {

    private final LoginSessions sessions;

    private final DpopVerifier dpop;

    SigninHandler(LoginSessions sessions, DpopVerifier dpop) {
        this.sessions = sessions;
        this.dpop = dpop;
    }

    Reply createOAuth2Token(Request request) {
        String thumbprint = this.dpop.verify(request);
        JsonBody body;
        try {
            body = JsonBody.parse(request.body());
        }
        catch (ServiceError ex) {
            throw invalidRequest(ex.getMessage());
        }
        if (!IdentityCenterEmulator.LOGIN_CLIENT_ID.equals(body.string("clientId"))) {
            throw invalidRequest("clientId must be " + IdentityCenterEmulator.LOGIN_CLIENT_ID);
        }
        String grantType = body.string("grantType");
        if (!ClientRegistry.REFRESH_TOKEN_GRANT.equals(grantType)) {
            throw invalidRequest("The grant type " + grantType + " is not supported: only refresh_token is emulated");
        }
        String refreshToken = body.string("refreshToken");
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw invalidRequest("refreshToken is required");
        }
        Refreshed refreshed = this.sessions.refresh(refreshToken, thumbprint);
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("accessToken").writeStartObject()
            .writeFieldName("accessKeyId").writeValue(refreshed.credentials().accessKeyId())
            .writeFieldName("secretAccessKey").writeValue(refreshed.credentials().secretAccessKey())
            .writeFieldName("sessionToken").writeValue(refreshed.credentials().sessionToken())
            .writeEndObject();
        json.writeFieldName("tokenType").writeValue("aws_sigv4");
        json.writeFieldName("expiresIn").writeValue((int) refreshed.expiresIn().getSeconds());
        json.writeFieldName("refreshToken").writeValue(refreshed.refreshToken());
        return Reply.json(json.writeEndObject().getBytes());
    }

    /**
     * {@code ValidationException} with {@code invalid_request}, as AWS Sign-In refuses a malformed request.
     */
    static ServiceError invalidRequest(String message) {
        return new ServiceError(400, "ValidationException", "invalid_request", message);
    }

}
