package dev.awssso.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered OIDC clients (what {@code RegisterClient} creates). A registration lasts the registration
 * lifetime current when it was made.
 */
final class ClientRegistry {

    static final String AUTHORIZATION_CODE_GRANT = "authorization_code";

    static final String REFRESH_TOKEN_GRANT = "refresh_token";

    static final String DEFAULT_SCOPE = "sso:account:access";

    /** The redirect URI the AWS CLI registers for its PKCE sign-in. */
    static final String CLI_REDIRECT_URI = "http://127.0.0.1/oauth/callback";

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    private final EmulatorSettings settings;

    private final Secrets secrets;

    private final Clock clock;

    ClientRegistry(EmulatorSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Registers a client as {@code aws sso login} does for an sso-session (PKCE sign-in).
     */
    Client register(String sessionName) {
        return register(new Metadata("botocore-client-" + sessionName, List.of(DEFAULT_SCOPE),
                List.of(AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT), List.of(CLI_REDIRECT_URI)));
    }

    /**
     * Registers a client; the metadata must have been validated.
     */
    Client register(Metadata metadata) {
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Client client = new Client(this.secrets.clientId(), this.secrets.clientSecret(), metadata, now,
                now.plus(this.settings.registrationLifetime()));
        this.clients.put(client.clientId(), client);
        return client;
    }

    /**
     * The registered, unexpired client with that id and secret.
     */
    Optional<Client> authenticate(String clientId, String clientSecret) {
        return find(clientId).filter((client) -> client.clientSecret().equals(clientSecret));
    }

    /**
     * The registered, unexpired client with that id.
     */
    Optional<Client> find(String clientId) {
        Client client = this.clients.get(clientId);
        return (client != null && this.clock.instant().isBefore(client.expiresAt())) ? Optional.of(client)
                : Optional.empty();
    }

    /**
     * What a client registered with.
     * @param clientName display name
     * @param scopes scopes; a client with scopes gets refresh tokens
     * @param grantTypes grant types, empty if none were given
     * @param redirectUris redirect URIs for the {@code authorization_code} grant
     */
    record Metadata(String clientName, List<String> scopes, List<String> grantTypes, List<String> redirectUris) {

        Metadata {
            scopes = List.copyOf(scopes);
            grantTypes = List.copyOf(grantTypes);
            redirectUris = List.copyOf(redirectUris);
        }

    }

    /**
     * A registered client.
     * @param clientId public id
     * @param clientSecret secret
     * @param metadata what it registered with
     * @param issuedAt when it was registered
     * @param expiresAt end of the registration
     */
    record Client(String clientId, String clientSecret, Metadata metadata, Instant issuedAt, Instant expiresAt) {

        String clientName() {
            return this.metadata.clientName();
        }

        boolean hasScopes() {
            return !this.metadata.scopes().isEmpty();
        }

        boolean allowsRedirectTo(String redirectUri) {
            return this.metadata.grantTypes().contains(AUTHORIZATION_CODE_GRANT) && this.metadata.redirectUris()
                .stream().anyMatch((registered) -> LoopbackRedirects.matches(registered, redirectUri));
        }

        @Override
        public String toString() {
            return "Client[clientId=" + this.clientId + ", clientName=" + clientName() + ", expiresAt="
                    + this.expiresAt + "]";
        }

    }

}
