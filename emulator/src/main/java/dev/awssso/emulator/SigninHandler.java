package dev.awssso.emulator;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.AuthorizationCodes.Refusal;
import dev.awssso.emulator.LoginAuthorizationRequest.Refused;
import dev.awssso.emulator.LoginSessions.Refreshed;
import dev.awssso.emulator.LoginSessions.SignedIn;

/**
 * AWS Sign-In as {@code aws login} uses it: the sign-in page ({@code GET} and {@code POST /v1/authorize}), where
 * the user, always signed in as the current login session ARN, approves the AWS CLI's PKCE authorization request,
 * and {@code CreateOAuth2Token} ({@code POST /v1/token}, rest-json, unsigned), which redeems the authorization
 * code ({@code authorization_code} grant) and renews the credentials ({@code refresh_token} grant), each request
 * carrying a DPoP proof by the session's key. The token request body is the {@code tokenInput} structure, the
 * answer's the {@code tokenOutput}.
 */
final class SigninHandler {

    private final LoginSessions sessions;

    private final AuthorizationCodes codes;

    private final DpopVerifier dpop;

    private final EmulatorSettings settings;

    SigninHandler(LoginSessions sessions, AuthorizationCodes codes, DpopVerifier dpop, EmulatorSettings settings) {
        this.sessions = sessions;
        this.codes = codes;
        this.dpop = dpop;
        this.settings = settings;
    }

    /**
     * The authorization codes of AWS Sign-In: an expired code is {@code AccessDeniedException}
     * {@code AUTHCODE_EXPIRED} (HTTP 401), any other refusal {@code ValidationException} {@code invalid_grant}.
     */
    static AuthorizationCodes authorizationCodes(Secrets secrets, Clock clock) {
        return new AuthorizationCodes(secrets, clock, (refusal) -> (refusal == Refusal.EXPIRED)
                ? new ServiceError(401, "AccessDeniedException", "AUTHCODE_EXPIRED",
                        "The authorization code has expired; run aws login again")
                : new ServiceError(400, "ValidationException", "invalid_grant", refusal.message()));
    }

    /**
     * {@code GET /v1/authorize}: the approval page; a 400 page for a bad client id or redirect URI; a redirect
     * with the error for another fault.
     */
    Reply showAuthorization(Request request) {
        try {
            return Reply.html(200, Pages.login(authorizationRequest(request.query()),
                    this.settings.loginSessionArn()));
        }
        catch (Refused ex) {
            return Reply.redirect(ex.location());
        }
    }

    /**
     * {@code POST /v1/authorize} from the approval page: a redirect to the AWS CLI with a code, or with
     * {@code error=access_denied}.
     */
    Reply decideAuthorization(Request request) {
        LoginAuthorizationRequest authorization;
        try {
            authorization = authorizationRequest(request.form());
        }
        catch (Refused ex) {
            return Reply.redirect(ex.location());
        }
        return switch (PageHandler.decision(request.form())) {
            case "allow" -> Reply.redirect(approve(authorization));
            default -> Reply.redirect(authorization.denied());
        };
    }

    /**
     * Approves a request as the current login session ARN.
     * @return where the browser is sent: {@code redirect_uri?code=...&state=...}
     */
    URI approve(LoginAuthorizationRequest request) {
        return request.approved(this.codes.issue(IdentityCenterEmulator.LOGIN_CLIENT_ID, request.redirectUri(),
                request.codeChallenge(), this.settings.loginSessionArn()));
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
        if (ClientRegistry.REFRESH_TOKEN_GRANT.equals(grantType)) {
            return tokenOutput(this.sessions.refresh(required(body, "refreshToken"), thumbprint), null);
        }
        if (ClientRegistry.AUTHORIZATION_CODE_GRANT.equals(grantType)) {
            String code = required(body, "code");
            String redirectUri = required(body, "redirectUri");
            String codeVerifier = required(body, "codeVerifier");
            String loginSession = this.codes.redeem(IdentityCenterEmulator.LOGIN_CLIENT_ID, code, redirectUri,
                    codeVerifier);
            SignedIn signedIn = this.sessions.signIn(loginSession, thumbprint);
            return tokenOutput(signedIn.tokens(), signedIn.session().idToken());
        }
        throw invalidRequest("The grant type " + grantType
                + " is not supported: only authorization_code and refresh_token are emulated");
    }

    /**
     * {@code ValidationException} with {@code invalid_request}, as AWS Sign-In refuses a malformed request.
     */
    static ServiceError invalidRequest(String message) {
        return new ServiceError(400, "ValidationException", "invalid_request", message);
    }

    /**
     * Validates the parameters; a bad client id or redirect URI is a 400 page.
     * @throws Refused for another fault
     */
    private static LoginAuthorizationRequest authorizationRequest(Map<String, String> parameters) {
        try {
            return LoginAuthorizationRequest.parse(parameters);
        }
        catch (Refused ex) {
            throw ex;
        }
        catch (IllegalArgumentException ex) {
            throw new ServiceError(400, "InvalidRequestException", ex.getMessage());
        }
    }

    private static String required(JsonBody body, String name) {
        String value = body.string(name);
        if (value == null || value.isEmpty()) {
            throw invalidRequest(name + " is required");
        }
        return value;
    }

    private static Reply tokenOutput(Refreshed tokens, @Nullable String idToken) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("accessToken").writeStartObject()
            .writeFieldName("accessKeyId").writeValue(tokens.credentials().accessKeyId())
            .writeFieldName("secretAccessKey").writeValue(tokens.credentials().secretAccessKey())
            .writeFieldName("sessionToken").writeValue(tokens.credentials().sessionToken())
            .writeEndObject();
        json.writeFieldName("tokenType").writeValue("aws_sigv4");
        json.writeFieldName("expiresIn").writeValue((int) tokens.expiresIn().getSeconds());
        json.writeFieldName("refreshToken").writeValue(tokens.refreshToken());
        if (idToken != null) {
            json.writeFieldName("idToken").writeValue(idToken);
        }
        return Reply.json(json.writeEndObject().getBytes());
    }

}
