package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered OIDC clients (what {@code RegisterClient} creates).
 */
final class ClientRegistry {

    /** How long a client registration lasts, as with AWS. */
    private static final Duration REGISTRATION_LIFETIME = Duration.ofDays(90);

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    private final Secrets secrets;

    private final Clock clock;

    ClientRegistry(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    Client register() {
        Instant expiresAt = this.clock.instant().plus(REGISTRATION_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        Client client = new Client(this.secrets.clientId(), this.secrets.clientSecret(), expiresAt);
        this.clients.put(client.clientId(), client);
        return client;
    }

    /**
     * Whether the id names a registered, unexpired client with that secret.
     */
    boolean authenticate(String clientId, String clientSecret) {
        Client client = this.clients.get(clientId);
        return client != null && client.clientSecret().equals(clientSecret)
                && this.clock.instant().isBefore(client.expiresAt());
    }

    /**
     * A registered client.
     * @param clientId public id
     * @param clientSecret secret
     * @param expiresAt end of the registration
     */
    record Client(String clientId, String clientSecret, Instant expiresAt) {

        @Override
        public String toString() {
            return "Client[clientId=" + this.clientId + ", expiresAt=" + this.expiresAt + "]";
        }

    }

}
