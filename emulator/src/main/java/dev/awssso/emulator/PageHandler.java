package dev.awssso.emulator;

import java.util.Map;

/**
 * The sign-in pages a browser shows: {@code /authorize} to approve a PKCE authorization request, and
 * {@code /device} to approve a device code. The user is always signed in, as the current user name.
 */
final class PageHandler {

    private static final String DECISION = "decision";

    private final ClientRegistry clients;

    private final AuthorizationCodes codes;

    private final DeviceAuthorizations devices;

    private final EmulatorSettings settings;

    PageHandler(ClientRegistry clients, AuthorizationCodes codes, DeviceAuthorizations devices,
            EmulatorSettings settings) {
        this.clients = clients;
        this.codes = codes;
        this.devices = devices;
        this.settings = settings;
    }

    /**
     * {@code GET /authorize}: the approval page, or a 400 page explaining what is wrong with the request.
     */
    Reply showAuthorization(Request request) {
        return Reply.html(200, Pages.authorize(authorizationRequest(request.query()), this.settings.userName()));
    }

    /**
     * {@code POST /authorize} from the approval page: a redirect to the client with a code, or with
     * {@code error=access_denied}.
     */
    Reply decideAuthorization(Request request) {
        AuthorizationRequest authorization = authorizationRequest(request.form());
        return switch (decision(request.form())) {
            case "allow" -> Reply.redirect(authorization.approved(
                    this.codes.issue(authorization, this.settings.userName())));
            default -> Reply.redirect(authorization.denied());
        };
    }

    /**
     * {@code GET /device[?user_code=]}: the page to enter or confirm a user code.
     */
    Reply showDevice(Request request) {
        String userCode = request.queryParameter("user_code");
        if (userCode == null || userCode.isBlank()) {
            return Reply.html(200, Pages.device(null, null, this.settings.userName(), null));
        }
        return this.devices.pendingClient(userCode)
            .map((client) -> Reply.html(200, Pages.device(DeviceAuthorizations.normalize(userCode),
                    client.clientName(), this.settings.userName(), null)))
            .orElseGet(() -> unknownUserCode(userCode));
    }

    /**
     * {@code POST /device} from the device page: approves or denies the authorization of the user code.
     */
    Reply decideDevice(Request request) {
        String userCode = request.form().getOrDefault("user_code", "");
        boolean approve = "allow".equals(decision(request.form()));
        if (!this.devices.decide(userCode, approve, this.settings.userName())) {
            return unknownUserCode(userCode);
        }
        return Reply.html(200, Pages.deviceDecided(approve));
    }

    private AuthorizationRequest authorizationRequest(Map<String, String> parameters) {
        try {
            return AuthorizationRequest.parse(parameters, this.clients);
        }
        catch (IllegalArgumentException ex) {
            throw new ServiceError(400, "InvalidRequestException", ex.getMessage());
        }
    }

    private Reply unknownUserCode(String userCode) {
        return Reply.html(400, Pages.device(userCode, null, this.settings.userName(),
                "The code " + userCode + " is not valid, has expired or was already used."));
    }

    /**
     * The {@code decision} of an approval form: {@code allow} or {@code deny}.
     * @throws ServiceError {@code InvalidRequestException} for another value or none
     */
    static String decision(Map<String, String> form) {
        String decision = form.get(DECISION);
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            throw new ServiceError(400, "InvalidRequestException", "The decision must be allow or deny.");
        }
        return decision;
    }

}
