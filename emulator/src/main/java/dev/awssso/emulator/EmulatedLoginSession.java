package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * An {@code aws login} session: the principal signed in, its DPoP key and its refresh token, which AWS Sign-In
 * {@code CreateOAuth2Token} turns into credentials of the principal and the next refresh token. A session is
 * started directly by {@link IdentityCenterEmulator#startLoginSession(String)}, which makes its key, or by a
 * client redeeming the authorization code of an approved sign-in, which holds its key.
 * {@link #toString()} shows no secrets.
 */
public final class EmulatedLoginSession {

    private final LoginSessions sessions;

    private final String id;

    private final String loginSession;

    private final String accountId;

    private final String dpopKeyThumbprint;

    private final @Nullable String dpopKeyPem;

    private final String idToken;

    EmulatedLoginSession(LoginSessions sessions, String id, String loginSession, String accountId,
            String dpopKeyThumbprint, @Nullable String dpopKeyPem, String idToken) {
        this.sessions = sessions;
        this.id = id;
        this.loginSession = loginSession;
        this.accountId = accountId;
        this.dpopKeyThumbprint = dpopKeyThumbprint;
        this.dpopKeyPem = dpopKeyPem;
        this.idToken = idToken;
    }

    String id() {
        return this.id;
    }

    String idToken() {
        return this.idToken;
    }

    /**
     * The principal ARN of the session, which STS {@code GetCallerIdentity} answers for its credentials.
     */
    public String loginSession() {
        return this.loginSession;
    }

    /**
     * The account of the principal, the fifth field of its ARN.
     */
    public String accountId() {
        return this.accountId;
    }

    /**
     * The client id of the AWS CLI's same-device sign-in, {@value IdentityCenterEmulator#LOGIN_CLIENT_ID}.
     */
    public String clientId() {
        return IdentityCenterEmulator.LOGIN_CLIENT_ID;
    }

    /**
     * The refresh token the next refresh must use: the one issued at start, or by the last refresh.
     */
    public String currentRefreshToken() {
        return this.sessions.currentRefreshToken(this.id);
    }

    /**
     * The RFC 7638 thumbprint of the session's DPoP key, base64url: every refresh must be signed by this key.
     */
    public String dpopKeyThumbprint() {
        return this.dpopKeyThumbprint;
    }

    /**
     * The session's DPoP key, EC P-256, as PEM {@code EC PRIVATE KEY} (SEC1 DER with the curve and the public
     * key), as the AWS CLI keeps it.
     * @throws IllegalStateException for a session started by a client's sign-in, whose key only the client holds
     */
    public String dpopKeyPem() {
        if (this.dpopKeyPem == null) {
            throw new IllegalStateException("The DPoP key of a session started by a sign-in is the client's");
        }
        return this.dpopKeyPem;
    }

    /**
     * The name of the session's cache file: the lowercase hex SHA-256 of the principal ARN, then {@code .json}.
     */
    public String cacheFileName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(this.loginSession.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * Writes the cache file as {@code aws login} does, with new credentials that STS accepts until
     * {@code credentialsExpireAt}, the current refresh token, an identity token and the DPoP key. The file is
     * mode 0600 where the file system is POSIX and is replaced atomically if it exists.
     * @param cacheDirectory the cache directory, for example {@code ~/.aws/login/cache}; created if missing
     * @param credentialsExpireAt when the credentials expire, truncated to the second
     * @return the file written
     * @throws java.io.UncheckedIOException if the file cannot be written
     * @throws IllegalStateException for a session started by a client's sign-in, whose key only the client holds
     */
    public Path writeCacheFile(Path cacheDirectory, Instant credentialsExpireAt) {
        dpopKeyPem();
        IssuedCredentials credentials = this.sessions.issue(this.id,
                credentialsExpireAt.truncatedTo(ChronoUnit.SECONDS));
        return TokenCacheFile.write(this, credentials, cacheDirectory);
    }

    @Override
    public String toString() {
        return "EmulatedLoginSession[loginSession=" + this.loginSession + ", accountId=" + this.accountId
                + ", clientId=" + clientId() + "]";
    }

}
