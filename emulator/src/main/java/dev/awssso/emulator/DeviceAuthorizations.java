package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.ClientRegistry.Client;

/**
 * The device authorizations ({@code StartDeviceAuthorization}) and their course: pending until the user
 * approves or denies the user code, then redeemed once with the device code, or expired.
 */
final class DeviceAuthorizations {

    /** How long an authorization is remembered after it expired, to answer late polls correctly. */
    private static final Duration RETENTION = Duration.ofHours(1);

    private final Map<String, Authorization> byDeviceCode = new HashMap<>();

    private final Map<String, Authorization> byUserCode = new HashMap<>();

    private final EmulatorSettings settings;

    private final Secrets secrets;

    private final Clock clock;

    DeviceAuthorizations(EmulatorSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Starts an authorization of the current device code lifetime and poll interval.
     */
    synchronized Started start(Client client) {
        Instant now = this.clock.instant();
        forgetExpired(now);
        String userCode;
        do {
            userCode = this.secrets.userCode();
        }
        while (this.byUserCode.containsKey(userCode));
        Duration lifetime = this.settings.deviceCodeLifetime();
        Duration interval = this.settings.devicePollInterval();
        Authorization authorization = new Authorization(this.secrets.deviceCode(), userCode, client,
                now.plus(lifetime), interval);
        this.byDeviceCode.put(authorization.deviceCode, authorization);
        this.byUserCode.put(userCode, authorization);
        return new Started(authorization.deviceCode, userCode, lifetime, interval);
    }

    /**
     * One poll of {@code CreateToken} with a device code.
     * @return the user who approved; the device code is used up
     * @throws ServiceError {@code InvalidGrantException} for an unknown, redeemed or other client's device code,
     *     {@code ExpiredTokenException}, {@code SlowDownException} (polled within the interval of the previous
     *     poll, when enforced), {@code AccessDeniedException} or {@code AuthorizationPendingException}
     */
    synchronized String redeem(String clientId, String deviceCode) {
        Authorization authorization = this.byDeviceCode.get(deviceCode);
        if (authorization == null || !authorization.client.clientId().equals(clientId)
                || authorization.state == State.REDEEMED) {
            throw new ServiceError(400, "InvalidGrantException", "Invalid device code provided");
        }
        Instant now = this.clock.instant();
        if (!now.isBefore(authorization.expiresAt)) {
            throw new ServiceError(400, "ExpiredTokenException", "Device code has expired");
        }
        Instant previousPoll = authorization.lastPolledAt;
        authorization.lastPolledAt = now;
        if (this.settings.slowDownEnforced() && previousPoll != null
                && now.isBefore(previousPoll.plus(authorization.interval))) {
            throw new ServiceError(400, "SlowDownException", "Client is polling too fast");
        }
        return switch (authorization.state) {
            case PENDING -> throw new ServiceError(400, "AuthorizationPendingException",
                    "Authorization is still pending");
            case DENIED -> throw new ServiceError(400, "AccessDeniedException", "The user denied the authorization");
            case APPROVED -> {
                authorization.state = State.REDEEMED;
                yield authorization.userName();
            }
            case REDEEMED -> throw new IllegalStateException("Redeemed authorizations are refused above");
        };
    }

    /**
     * The client asking for a pending, unexpired authorization.
     * @param userCode the user code, in any case, with or without its hyphen
     */
    synchronized Optional<Client> pendingClient(String userCode) {
        return pending(userCode).map((authorization) -> authorization.client);
    }

    /**
     * Approves or denies a pending, unexpired authorization.
     * @param userCode the user code, in any case, with or without its hyphen
     * @param userName the user deciding, who signs in on approval
     * @return {@code false} if no such authorization is pending
     */
    synchronized boolean decide(String userCode, boolean approve, String userName) {
        Optional<Authorization> pending = pending(userCode);
        pending.ifPresent((authorization) -> {
            authorization.state = approve ? State.APPROVED : State.DENIED;
            authorization.approvedBy = approve ? userName : null;
        });
        return pending.isPresent();
    }

    private Optional<Authorization> pending(String userCode) {
        Authorization authorization = this.byUserCode.get(normalize(userCode));
        return Optional.ofNullable(authorization)
            .filter((candidate) -> candidate.state == State.PENDING
                    && this.clock.instant().isBefore(candidate.expiresAt));
    }

    /**
     * A user code as issued: upper case, {@code XXXX-XXXX}.
     */
    static String normalize(String userCode) {
        String letters = userCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return (letters.length() == 8) ? letters.substring(0, 4) + "-" + letters.substring(4) : letters;
    }

    private void forgetExpired(Instant now) {
        Instant cutoff = now.minus(RETENTION);
        this.byDeviceCode.values().removeIf((authorization) -> authorization.expiresAt.isBefore(cutoff));
        this.byUserCode.values().removeIf((authorization) -> authorization.expiresAt.isBefore(cutoff));
    }

    /**
     * A started authorization, as {@code StartDeviceAuthorization} answers it.
     * @param deviceCode the device code, secret
     * @param userCode the user code
     * @param expiresIn how long it can be approved and redeemed
     * @param interval the least time between two polls
     */
    record Started(String deviceCode, String userCode, Duration expiresIn, Duration interval) {

        @Override
        public String toString() {
            return "Started[userCode=" + this.userCode + ", expiresIn=" + this.expiresIn + "]";
        }

    }

    private enum State {
        PENDING, APPROVED, DENIED, REDEEMED
    }

    private static final class Authorization {

        private final String deviceCode;

        private final String userCode;

        private final Client client;

        private final Instant expiresAt;

        private final Duration interval;

        private State state = State.PENDING;

        private @Nullable String approvedBy;

        private @Nullable Instant lastPolledAt;

        Authorization(String deviceCode, String userCode, Client client, Instant expiresAt, Duration interval) {
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.client = client;
            this.expiresAt = expiresAt;
            this.interval = interval;
        }

        String userName() {
            if (this.approvedBy == null) {
                throw new IllegalStateException("Authorization " + this.userCode + " was not approved");
            }
            return this.approvedBy;
        }

    }

}
