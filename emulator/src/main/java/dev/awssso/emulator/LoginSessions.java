package dev.awssso.emulator;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * The {@code aws login} sessions and their refresh tokens, started directly or by the redemption of an
 * authorization code. A refresh token is bound to its session's DPoP key and good for one refresh, which issues
 * credentials of the session's principal and the next refresh token.
 */
final class LoginSessions {

    /** The OAuth 2.0 error codes a session can be ended with, and the HTTP status AWS Sign-In sends with each. */
    private static final Map<String, Integer> END_STATUSES = Map.of("TOKEN_EXPIRED", 401,
            "USER_CREDENTIALS_CHANGED", 403, "INSUFFICIENT_PERMISSIONS", 403);

    /** How long a session lasts after {@code aws login}, as AWS Sign-In's sessions do. */
    private static final Duration SESSION_DURATION = Duration.ofHours(12);

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final Map<String, LoginState> byId = new HashMap<>();

    private final Map<String, LoginState> byRefreshToken = new HashMap<>();

    private final List<EmulatedLoginSession> started = new ArrayList<>();

    private final EmulatorSettings settings;

    private final Secrets secrets;

    private final RoleCredentialsRegistry credentials;

    private final Clock clock;

    LoginSessions(EmulatorSettings settings, Secrets secrets, RoleCredentialsRegistry credentials, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Starts a session with a new DPoP key and refresh token, as {@code aws login} leaves it.
     * @param loginSession the principal ARN, whose fifth field is the account id
     * @throws IllegalArgumentException if it is not an ARN with an account id
     */
    synchronized EmulatedLoginSession start(String loginSession) {
        accountId(loginSession);
        KeyPair keys = DpopKeys.generate();
        String pem = this.secrets.keep(DpopKeys.pem(keys));
        return newSession(loginSession, DpopKeys.thumbprint((ECPublicKey) keys.getPublic()), pem);
    }

    /**
     * Starts the session of an approved sign-in whose authorization code was redeemed, bound to the key that
     * signed the redemption's DPoP proof, and issues its first credentials and refresh token.
     * @param loginSession the principal ARN that approved, validated when it was chosen
     * @param thumbprint the RFC 7638 thumbprint of the key, which only the client holds
     */
    synchronized SignedIn signIn(String loginSession, String thumbprint) {
        EmulatedLoginSession session = newSession(loginSession, thumbprint, null);
        LoginState state = state(session.id());
        return new SignedIn(session, issueRefreshed(state));
    }

    /**
     * Every session started so far, in the order they started.
     */
    synchronized List<EmulatedLoginSession> sessions() {
        return List.copyOf(this.started);
    }

    private EmulatedLoginSession newSession(String loginSession, String thumbprint, @Nullable String dpopKeyPem) {
        String accountId = accountId(loginSession);
        LoginState state = new LoginState(this.secrets.id(), loginSession, accountId, thumbprint,
                this.secrets.refreshToken(), this.clock.instant().plus(SESSION_DURATION));
        this.byId.put(state.id, state);
        this.byRefreshToken.put(state.refreshToken, state);
        byte[] claims = JsonWriter.create().writeStartObject()
            .writeFieldName("iss").writeValue("https://signin.aws.amazon.com")
            .writeFieldName("sub").writeValue(loginSession)
            .writeFieldName("aud").writeValue(IdentityCenterEmulator.LOGIN_CLIENT_ID)
            .writeFieldName("iat").writeValue(this.clock.instant().getEpochSecond())
            .writeEndObject().getBytes();
        EmulatedLoginSession session = new EmulatedLoginSession(this, state.id, loginSession, accountId, thumbprint,
                dpopKeyPem, this.secrets.idToken(claims));
        this.started.add(session);
        return session;
    }

    /**
     * Ends a session: from now on refreshing it answers {@code AccessDeniedException} with the code.
     * @param code {@code TOKEN_EXPIRED}, {@code USER_CREDENTIALS_CHANGED} or {@code INSUFFICIENT_PERMISSIONS}
     * @throws IllegalArgumentException for another code
     */
    synchronized void end(String id, String code) {
        if (!END_STATUSES.containsKey(code)) {
            throw new IllegalArgumentException("A login session ends with TOKEN_EXPIRED, USER_CREDENTIALS_CHANGED or"
                    + " INSUFFICIENT_PERMISSIONS, not " + code);
        }
        state(id).endedWith = code;
    }

    synchronized String currentRefreshToken(String id) {
        return state(id).refreshToken;
    }

    /**
     * Issues credentials of a session that expire at {@code expiresAt}, known to STS.
     */
    IssuedCredentials issue(String id, Instant expiresAt) {
        LoginState state;
        synchronized (this) {
            state = state(id);
        }
        return this.credentials.issueForLogin(state.loginSession, state.accountId, expiresAt);
    }

    /**
     * Redeems a refresh token for credentials of the current login credentials lifetime and the next refresh
     * token; the token redeemed is used up.
     * @param thumbprint the RFC 7638 thumbprint of the key that signed the request's DPoP proof
     * @throws ServiceError {@code AccessDeniedException} {@code TOKEN_EXPIRED} for a refresh token unknown or used, or
     *     12 hours after the sign-in,
     *     {@code ValidationException} for a proof by another key than the session's, {@code AccessDeniedException}
     *     with the code the session was ended with
     */
    synchronized Refreshed refresh(String refreshToken, String thumbprint) {
        LoginState state = this.byRefreshToken.get(refreshToken);
        if (state == null) {
            throw denied("TOKEN_EXPIRED", "The refresh token has expired or was already used; run aws login again");
        }
        if (!state.thumbprint.equals(thumbprint)) {
            throw SigninHandler.invalidRequest("DPoP key does not match the refresh token");
        }
        if (state.endedWith != null) {
            throw denied(state.endedWith, "The login session has ended; run aws login again");
        }
        if (!this.clock.instant().isBefore(state.endsAt)) {
            throw denied("TOKEN_EXPIRED", "The login session has reached its 12 hours; run aws login again");
        }
        this.byRefreshToken.remove(refreshToken);
        state.refreshToken = this.secrets.refreshToken();
        this.byRefreshToken.put(state.refreshToken, state);
        return issueRefreshed(state);
    }

    /**
     * Credentials of the current login credentials lifetime, with the session's current refresh token.
     */
    private Refreshed issueRefreshed(LoginState state) {
        Duration lifetime = this.settings.loginCredentialsLifetime();
        IssuedCredentials issued = this.credentials.issueForLogin(state.loginSession, state.accountId,
                this.clock.instant().plus(lifetime).truncatedTo(ChronoUnit.MILLIS));
        return new Refreshed(issued, state.refreshToken, lifetime);
    }

    private LoginState state(String id) {
        LoginState state = this.byId.get(id);
        if (state == null) {
            throw new IllegalArgumentException("Not a login session of this emulator");
        }
        return state;
    }

    private static ServiceError denied(String code, String message) {
        return new ServiceError(END_STATUSES.get(code), "AccessDeniedException", code, message);
    }

    /**
     * The account id of a principal ARN, its fifth field.
     * @throws IllegalArgumentException if it is not an ARN with a twelve-digit account id
     */
    static String accountId(String loginSession) {
        String[] fields = loginSession.split(":", -1);
        if (fields.length < 6 || !fields[0].equals("arn") || !ACCOUNT_ID.matcher(fields[4]).matches()) {
            throw new IllegalArgumentException("Not an ARN with an account id: " + loginSession);
        }
        return fields[4];
    }

    /**
     * What a refresh answers.
     * @param credentials the credentials issued
     * @param refreshToken the next refresh token
     * @param expiresIn the lifetime of the credentials
     */
    record Refreshed(IssuedCredentials credentials, String refreshToken, Duration expiresIn) {

        @Override
        public String toString() {
            return "Refreshed[credentials=" + this.credentials + ", expiresIn=" + this.expiresIn + "]";
        }

    }

    /**
     * What the redemption of an authorization code answers.
     * @param session the session started
     * @param tokens its first credentials and refresh token
     */
    record SignedIn(EmulatedLoginSession session, Refreshed tokens) {
    }

    /** One session; guarded by the registry. */
    private static final class LoginState {

        private final String id;

        private final String loginSession;

        private final String accountId;

        private final String thumbprint;

        private String refreshToken;

        private final Instant endsAt;

        private @Nullable String endedWith;

        LoginState(String id, String loginSession, String accountId, String thumbprint, String refreshToken,
                Instant endsAt) {
            this.id = id;
            this.loginSession = loginSession;
            this.accountId = accountId;
            this.thumbprint = thumbprint;
            this.refreshToken = refreshToken;
            this.endsAt = endsAt;
        }

    }

}
