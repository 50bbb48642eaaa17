package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.ClientRegistry.Client;

/**
 * The Identity Center sessions and the access and refresh tokens issued for them. An access token is valid
 * until its expiry, and both kinds of token only while their session lives: not ended, not logged out and
 * not past its end.
 */
final class SessionRegistry {

    private final Map<String, Session> sessions = new HashMap<>();

    private final Map<String, AccessGrant> accessTokens = new HashMap<>();

    private final Map<String, RefreshGrant> refreshTokens = new HashMap<>();

    private final EmulatorSettings settings;

    private final Secrets secrets;

    private final Clock clock;

    SessionRegistry(EmulatorSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Starts a session with an access token and, when a client is given, a refresh token for that client.
     * @param sessionName name of the sso-session, or {@code null} for a legacy sign-in
     * @param client the client that signed in, or {@code null} for a legacy sign-in
     * @param startUrl start URL of the portal
     * @param region region of the portal
     * @return what the AWS CLI would hold after the sign-in
     */
    synchronized EmulatedSession signIn(@Nullable String sessionName, @Nullable Client client, String startUrl,
            String region) {
        Instant now = this.clock.instant();
        Session session = new Session(this.secrets.id(), this.settings.userName(),
                now.plus(this.settings.sessionDuration()));
        this.sessions.put(session.id, session);
        AccessGrant access = issueAccessToken(session, now);
        String refreshToken = (client != null) ? issueRefreshToken(session, client.clientId()) : null;
        return new EmulatedSession(session.id, sessionName, startUrl, region, access.token, access.expiresAt,
                refreshToken, client, session.endsAt);
    }

    /**
     * Redeems a refresh token, applying the current {@link RefreshTokenMode}.
     * @return the new tokens, or empty if the refresh token is unknown, revoked, issued to another client or
     *     its session is over
     */
    synchronized Optional<RefreshedTokens> refresh(String clientId, String refreshToken) {
        RefreshGrant grant = this.refreshTokens.get(refreshToken);
        Instant now = this.clock.instant();
        if (grant == null || !grant.clientId.equals(clientId) || !grant.session.isActive(now)) {
            return Optional.empty();
        }
        String nextRefreshToken = switch (this.settings.refreshTokenMode()) {
            case ROTATE -> {
                this.refreshTokens.remove(refreshToken);
                yield issueRefreshToken(grant.session, clientId);
            }
            case REUSE -> refreshToken;
            case OMIT -> null;
        };
        AccessGrant access = issueAccessToken(grant.session, now);
        return Optional.of(new RefreshedTokens(access.token, Duration.between(now, access.expiresAt),
                nextRefreshToken));
    }

    /**
     * The user of the session an access token belongs to.
     * @return the user name, or empty if the token is unknown, expired or its session is over
     */
    synchronized Optional<String> userName(String accessToken) {
        return activeSession(accessToken).map((session) -> session.userName);
    }

    /**
     * Ends the session of an access token, as the portal's {@code Logout} does.
     * @return whether the token was valid
     */
    synchronized boolean logout(String accessToken) {
        Optional<Session> session = activeSession(accessToken);
        session.ifPresent((s) -> s.ended = true);
        return session.isPresent();
    }

    /**
     * Ends a session: its access and refresh tokens are rejected from now on.
     * @param sessionId the id from {@link EmulatedSession#id()}
     */
    synchronized void end(String sessionId) {
        Session session = this.sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("Not a session of this emulator");
        }
        session.ended = true;
    }

    private Optional<Session> activeSession(String accessToken) {
        AccessGrant grant = this.accessTokens.get(accessToken);
        Instant now = this.clock.instant();
        if (grant == null || !now.isBefore(grant.expiresAt) || !grant.session.isActive(now)) {
            return Optional.empty();
        }
        return Optional.of(grant.session);
    }

    private AccessGrant issueAccessToken(Session session, Instant now) {
        Instant expiry = now.plus(this.settings.tokenLifetime());
        AccessGrant grant = new AccessGrant(this.secrets.accessToken(), session,
                expiry.isBefore(session.endsAt) ? expiry : session.endsAt);
        this.accessTokens.put(grant.token, grant);
        return grant;
    }

    private String issueRefreshToken(Session session, String clientId) {
        String token = this.secrets.refreshToken();
        this.refreshTokens.put(token, new RefreshGrant(session, clientId));
        return token;
    }

    /**
     * The outcome of a refresh grant.
     * @param accessToken the new access token
     * @param expiresIn how long it is valid
     * @param refreshToken the refresh token to use next time, or {@code null} if none is returned
     */
    record RefreshedTokens(String accessToken, Duration expiresIn, @Nullable String refreshToken) {

        @Override
        public String toString() {
            return "RefreshedTokens[expiresIn=" + this.expiresIn + "]";
        }

    }

    private static final class Session {

        private final String id;

        private final String userName;

        private final Instant endsAt;

        private boolean ended;

        Session(String id, String userName, Instant endsAt) {
            this.id = id;
            this.userName = userName;
            this.endsAt = endsAt;
        }

        boolean isActive(Instant now) {
            return !this.ended && now.isBefore(this.endsAt);
        }

    }

    private record AccessGrant(String token, Session session, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessGrant[expiresAt=" + this.expiresAt + "]";
        }

    }

    private record RefreshGrant(Session session, String clientId) {
    }

}
