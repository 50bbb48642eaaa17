package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private final List<EmulatedSession> signedIn = new ArrayList<>();

    private final EmulatorSettings settings;

    private final Secrets secrets;

    private final Clock clock;

    private final String startUrl;

    private final String region;

    /**
     * @param startUrl start URL of the portal the sessions belong to
     * @param region region of the portal
     */
    SessionRegistry(EmulatorSettings settings, Secrets secrets, Clock clock, String startUrl, String region) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
        this.startUrl = startUrl;
        this.region = region;
    }

    /**
     * Starts a session with an access token and, when a client is given, a refresh token for that client, as
     * {@code aws sso login} leaves it.
     * @param sessionName name of the sso-session, or {@code null} for a legacy sign-in
     * @param client the client that signed in, or {@code null} for a legacy sign-in
     * @return what the AWS CLI would hold after the sign-in
     */
    synchronized EmulatedSession signIn(@Nullable String sessionName, @Nullable Client client) {
        return start(this.settings.userName(), sessionName, client, client != null).session;
    }

    /**
     * Starts a session for a user who approved a sign-in through a device code or an authorization code.
     * @param userName the user who approved
     * @param client the client that redeemed the code
     * @return the tokens to answer {@code CreateToken} with; a refresh token only if the client registered
     *     scopes
     */
    synchronized IssuedTokens signInApproved(String userName, Client client) {
        return start(userName, null, client, client.hasScopes()).tokens;
    }

    /**
     * Every session started so far, in the order they were started, as they were at sign-in.
     */
    synchronized List<EmulatedSession> sessions() {
        return List.copyOf(this.signedIn);
    }

    /**
     * Redeems a refresh token, applying the current {@link RefreshTokenMode}.
     * @return the new tokens, or empty if the refresh token is unknown, revoked, issued to another client or
     *     its session is over
     */
    synchronized Optional<IssuedTokens> refresh(String clientId, String refreshToken) {
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
        return Optional.of(new IssuedTokens(access.token, Duration.between(now, access.expiresAt),
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

    private Started start(String userName, @Nullable String sessionName, @Nullable Client client,
            boolean refreshable) {
        Instant now = this.clock.instant();
        Session session = new Session(this.secrets.id(), userName, now.plus(this.settings.sessionDuration()));
        this.sessions.put(session.id, session);
        AccessGrant access = issueAccessToken(session, now);
        String refreshToken = (client != null && refreshable) ? issueRefreshToken(session, client.clientId()) : null;
        EmulatedSession started = new EmulatedSession(session.id, sessionName, this.startUrl, this.region,
                access.token, access.expiresAt, refreshToken, client, session.endsAt);
        this.signedIn.add(started);
        return new Started(started, new IssuedTokens(access.token, Duration.between(now, access.expiresAt),
                refreshToken));
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
     * What {@code CreateToken} answers.
     * @param accessToken the new access token
     * @param expiresIn how long it is valid
     * @param refreshToken the refresh token to use next time, or {@code null} if none is returned
     */
    record IssuedTokens(String accessToken, Duration expiresIn, @Nullable String refreshToken) {

        @Override
        public String toString() {
            return "IssuedTokens[expiresIn=" + this.expiresIn + "]";
        }

    }

    private record Started(EmulatedSession session, IssuedTokens tokens) {
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
