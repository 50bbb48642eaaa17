package dev.awssso.emulator;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.AccountDirectory.Account;
import dev.awssso.emulator.Paging.Page;
import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * The SSO portal operations. Each needs a valid access token in {@code x-amz-sso_bearer_token}.
 */
final class PortalHandler {

    private static final String BEARER_TOKEN_HEADER = "x-amz-sso_bearer_token";

    private final SessionRegistry sessions;

    private final RoleCredentialsRegistry credentials;

    private final AccountDirectory directory;

    private final EmulatorSettings settings;

    PortalHandler(SessionRegistry sessions, RoleCredentialsRegistry credentials, AccountDirectory directory,
            EmulatorSettings settings) {
        this.sessions = sessions;
        this.credentials = credentials;
        this.directory = directory;
        this.settings = settings;
    }

    /**
     * {@code GetRoleCredentials}: credentials of the configured lifetime for any role not denied.
     */
    Reply getRoleCredentials(Request request) {
        String userName = authenticate(request);
        String accountId = required(request, "account_id");
        String roleName = required(request, "role_name");
        if (this.directory.isDenied(accountId, roleName)) {
            throw new ServiceError(403, "ForbiddenException", "No access");
        }
        IssuedCredentials issued = this.credentials.issue(accountId, roleName, userName,
                this.settings.credentialsLifetime());
        JsonWriter json = JsonWriter.create().writeStartObject().writeFieldName("roleCredentials").writeStartObject();
        json.writeFieldName("accessKeyId").writeValue(issued.accessKeyId());
        json.writeFieldName("secretAccessKey").writeValue(issued.secretAccessKey());
        json.writeFieldName("sessionToken").writeValue(issued.sessionToken());
        json.writeFieldName("expiration").writeValue(issued.expiresAt().toEpochMilli());
        return Reply.json(json.writeEndObject().writeEndObject().getBytes());
    }

    /**
     * {@code ListAccounts}.
     */
    Reply listAccounts(Request request) {
        authenticate(request);
        Page<Account> page = Paging.page(this.directory.accounts(), request);
        JsonWriter json = startPage(page).writeFieldName("accountList").writeStartArray();
        for (Account account : page.items()) {
            json.writeStartObject();
            json.writeFieldName("accountId").writeValue(account.accountId());
            json.writeFieldName("accountName").writeValue(account.accountName());
            json.writeFieldName("emailAddress").writeValue(account.emailAddress());
            json.writeEndObject();
        }
        return Reply.json(json.writeEndArray().writeEndObject().getBytes());
    }

    /**
     * {@code ListAccountRoles}: the roles listed for the account, without denied ones.
     */
    Reply listAccountRoles(Request request) {
        authenticate(request);
        String accountId = required(request, "account_id");
        Page<String> page = Paging.page(this.directory.roles(accountId), request);
        JsonWriter json = startPage(page).writeFieldName("roleList").writeStartArray();
        for (String roleName : page.items()) {
            json.writeStartObject();
            json.writeFieldName("roleName").writeValue(roleName);
            json.writeFieldName("accountId").writeValue(accountId);
            json.writeEndObject();
        }
        return Reply.json(json.writeEndArray().writeEndObject().getBytes());
    }

    /**
     * {@code Logout}: ends the session of the access token.
     */
    Reply logout(Request request) {
        String token = request.header(BEARER_TOKEN_HEADER);
        if (token == null || !this.sessions.logout(token)) {
            throw unauthorized();
        }
        return Reply.empty();
    }

    /**
     * The user of the request's access token.
     * @throws ServiceError {@code UnauthorizedException} if the token is missing or not valid
     */
    private String authenticate(Request request) {
        String token = request.header(BEARER_TOKEN_HEADER);
        if (token == null) {
            throw unauthorized();
        }
        return this.sessions.userName(token).orElseThrow(PortalHandler::unauthorized);
    }

    private static String required(Request request, String parameter) {
        String value = request.queryParameter(parameter);
        if (value == null || value.isEmpty()) {
            throw new ServiceError(400, "InvalidRequestException", parameter + " is required");
        }
        return value;
    }

    private static JsonWriter startPage(Page<?> page) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        if (page.nextToken() != null) {
            json.writeFieldName("nextToken").writeValue(page.nextToken());
        }
        return json;
    }

    private static ServiceError unauthorized() {
        return new ServiceError(401, "UnauthorizedException", "Session token not found or invalid");
    }

}
