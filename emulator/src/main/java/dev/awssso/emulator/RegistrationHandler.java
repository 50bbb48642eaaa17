package dev.awssso.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.ClientRegistry.Client;
import dev.awssso.emulator.ClientRegistry.Metadata;
import dev.awssso.emulator.DeviceAuthorizations.Started;

/**
 * SSO OIDC {@code RegisterClient} and {@code StartDeviceAuthorization}, the first steps of a sign-in.
 */
final class RegistrationHandler {

    private final ClientRegistry clients;

    private final DeviceAuthorizations devices;

    private final URI endpoint;

    private final String startUrl;

    RegistrationHandler(ClientRegistry clients, DeviceAuthorizations devices, URI endpoint, String startUrl) {
        this.clients = clients;
        this.devices = devices;
        this.endpoint = endpoint;
        this.startUrl = startUrl;
    }

    /**
     * {@code RegisterClient}: a public client; with the {@code authorization_code} grant, only loopback
     * redirect URIs.
     */
    Reply registerClient(Request request) {
        JsonBody body = JsonBody.parse(request.body());
        String clientName = OidcHandler.required(body, "clientName");
        if (!"public".equals(body.string("clientType"))) {
            throw new ServiceError(400, "InvalidClientMetadataException",
                    "Invalid client type: only public is supported");
        }
        List<String> grantTypes = body.strings("grantTypes");
        List<String> redirectUris = body.strings("redirectUris");
        if (grantTypes.contains(ClientRegistry.AUTHORIZATION_CODE_GRANT)) {
            if (redirectUris.isEmpty()) {
                throw new ServiceError(400, "InvalidRedirectUriException",
                        "The authorization_code grant needs at least one redirect URI");
            }
            for (String redirectUri : redirectUris) {
                if (!LoopbackRedirects.isLoopback(redirectUri)) {
                    throw new ServiceError(400, "InvalidRedirectUriException",
                            "Invalid redirect URI " + redirectUri + ": only http://127.0.0.1[:port]/path is accepted");
                }
            }
        }
        Client client = this.clients.register(new Metadata(clientName, body.strings("scopes"), grantTypes,
                redirectUris));
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("clientId").writeValue(client.clientId());
        json.writeFieldName("clientSecret").writeValue(client.clientSecret());
        json.writeFieldName("clientIdIssuedAt").writeValue(client.issuedAt().getEpochSecond());
        json.writeFieldName("clientSecretExpiresAt").writeValue(client.expiresAt().getEpochSecond());
        return Reply.json(json.writeEndObject().getBytes());
    }

    /**
     * {@code StartDeviceAuthorization} for the emulator's start URL. {@code expiresIn} and {@code interval} are
     * whole seconds, rounded up.
     */
    Reply startDeviceAuthorization(Request request) {
        JsonBody body = JsonBody.parse(request.body());
        String clientId = OidcHandler.required(body, "clientId");
        String clientSecret = OidcHandler.required(body, "clientSecret");
        String requestedStartUrl = OidcHandler.required(body, "startUrl");
        Client client = this.clients.authenticate(clientId, clientSecret).orElseThrow(OidcHandler::invalidClient);
        if (!this.startUrl.equals(requestedStartUrl)) {
            throw new ServiceError(400, "InvalidRequestException", "Invalid start URL " + requestedStartUrl);
        }
        Started started = this.devices.start(client);
        String verificationUri = this.endpoint + "/device";
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("deviceCode").writeValue(started.deviceCode());
        json.writeFieldName("userCode").writeValue(started.userCode());
        json.writeFieldName("verificationUri").writeValue(verificationUri);
        json.writeFieldName("verificationUriComplete").writeValue(verificationUri + "?user_code="
                + URLEncoder.encode(started.userCode(), StandardCharsets.UTF_8));
        json.writeFieldName("expiresIn").writeValue(wholeSecondsUp(started.expiresIn()));
        json.writeFieldName("interval").writeValue(wholeSecondsUp(started.interval()));
        return Reply.json(json.writeEndObject().getBytes());
    }

    private static int wholeSecondsUp(Duration duration) {
        long seconds = duration.getSeconds() + ((duration.getNano() > 0) ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

}
