package dev.awssso.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.ClientRegistry.Client;

/**
 * A validated PKCE authorization request, {@code GET /authorize?response_type=code&client_id=&redirect_uri=
 * &state=&code_challenge_method=S256&scopes=&code_challenge=}, as the AWS CLI sends it.
 * @param client the registered client asking
 * @param redirectUri where to send the user back, a loopback URI registered for the client
 * @param state the client's state, returned unchanged, or {@code null} if none was sent
 * @param codeChallenge the {@code S256} code challenge
 * @param scopes the scopes asked for (the space-separated {@code scopes} parameter), possibly none
 */
record AuthorizationRequest(Client client, String redirectUri, @Nullable String state, String codeChallenge,
        List<String> scopes) {

    /**
     * Reads and validates the request parameters.
     * @param parameters the query parameters, or the fields of the approval form
     * @param clients the registered clients
     * @throws IllegalArgumentException saying what is wrong, in words fit for the user
     */
    static AuthorizationRequest parse(Map<String, String> parameters, ClientRegistry clients) {
        String clientId = required(parameters, "client_id");
        Client client = clients.find(clientId).orElseThrow(() -> new IllegalArgumentException(
                "No client is registered with the id " + clientId + ", or its registration expired."));
        String redirectUri = required(parameters, "redirect_uri");
        if (!client.allowsRedirectTo(redirectUri)) {
            throw new IllegalArgumentException("The redirect URI " + redirectUri
                    + " is not registered for the client, or the client is not registered for the"
                    + " authorization_code grant.");
        }
        if (!"code".equals(parameters.get("response_type"))) {
            throw new IllegalArgumentException("The response_type must be code.");
        }
        if (!Pkce.S256.equals(parameters.get("code_challenge_method"))) {
            throw new IllegalArgumentException("The code_challenge_method must be S256.");
        }
        String codeChallenge = required(parameters, "code_challenge");
        String scopes = parameters.getOrDefault("scopes", "").strip();
        return new AuthorizationRequest(client, redirectUri, parameters.get("state"), codeChallenge,
                scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split("\\s+")));
    }

    AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }

    /**
     * The request parameters, to carry it in the hidden fields of the approval form.
     */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", this.client.clientId());
        parameters.put("redirect_uri", this.redirectUri);
        if (this.state != null) {
            parameters.put("state", this.state);
        }
        parameters.put("code_challenge_method", Pkce.S256);
        parameters.put("scopes", String.join(" ", this.scopes));
        parameters.put("code_challenge", this.codeChallenge);
        return parameters;
    }

    /**
     * The scopes to show the user: those asked for, else those the client registered.
     */
    List<String> displayedScopes() {
        return this.scopes.isEmpty() ? this.client.metadata().scopes() : this.scopes;
    }

    /**
     * Where to send the user after approval: {@code redirect_uri?code=...&state=...}.
     */
    URI approved(String code) {
        return callback(this.redirectUri, Map.of("code", code), this.state);
    }

    /**
     * Where to send the user after denial: {@code redirect_uri?error=access_denied&state=...}.
     */
    URI denied() {
        return callback(this.redirectUri, Map.of("error", "access_denied"), this.state);
    }

    /**
     * A redirect URI with parameters added to its query, then the client's state if it sent one, all encoded.
     * @param parameters the parameters, in the order to add them
     */
    static URI callback(String redirectUri, Map<String, String> parameters, @Nullable String state) {
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            location.append(separator).append(encode(parameter.getKey())).append('=')
                .append(encode(parameter.getValue()));
            separator = '&';
        }
        if (state != null) {
            location.append(separator).append("state=").append(encode(state));
        }
        return URI.create(location.toString());
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " parameter is missing.");
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[client=" + this.client + ", redirectUri=" + this.redirectUri + "]";
    }

}
