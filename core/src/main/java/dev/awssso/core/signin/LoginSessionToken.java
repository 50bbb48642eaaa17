package dev.awssso.core.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * One {@code aws login} session as the AWS CLI keeps it in {@code ~/.aws/login/cache}: short-term credentials, the
 * refresh token and the DPoP key that refreshes them. Immutable; {@link #toString()} shows no secret.
 *
 * @param accessKeyId access key id of the credentials
 * @param secretAccessKey secret access key of the credentials (secret)
 * @param sessionToken session token of the credentials (secret)
 * @param accountId account of the signed-in principal
 * @param expiresAt when the credentials end, by the clock of the machine that wrote them
 * @param clientId the Sign-In client the session was issued to
 * @param refreshToken token that obtains new credentials (secret)
 * @param dpopKey the EC P-256 private key, PEM, that the refresh token is bound to (secret)
 * @param otherFields top-level fields this class does not know, such as {@code idToken} and {@code tokenType}, kept
 *     so that a rewrite loses nothing (JSON values as {@code String}, {@code BigDecimal}, {@code Boolean},
 *     {@code List}, {@code Map} or {@code null})
 * @param otherAccessTokenFields fields of {@code accessToken} this class does not know, kept the same way
 */
public record LoginSessionToken(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
        Instant expiresAt, String clientId, String refreshToken, String dpopKey,
        Map<String, @Nullable Object> otherFields, Map<String, @Nullable Object> otherAccessTokenFields) {

    public LoginSessionToken {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        otherFields = Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
        otherAccessTokenFields = Collections.unmodifiableMap(new LinkedHashMap<>(otherAccessTokenFields));
    }

    /** The credentials, with their expiry and account. */
    public AwsSessionCredentials credentials() {
        return AwsSessionCredentials.builder().accessKeyId(this.accessKeyId).secretAccessKey(this.secretAccessKey)
            .sessionToken(this.sessionToken).accountId(this.accountId).expirationTime(this.expiresAt)
            .providerName("aws-sso-login-session").build();
    }

    /** This session with the credentials and the rotated refresh token of a refresh; every other field kept. */
    public LoginSessionToken refreshed(String newAccessKeyId, String newSecretAccessKey, String newSessionToken,
            Instant newExpiresAt, String newRefreshToken) {
        return new LoginSessionToken(newAccessKeyId, newSecretAccessKey, newSessionToken, this.accountId, newExpiresAt,
                this.clientId, newRefreshToken, this.dpopKey, this.otherFields, this.otherAccessTokenFields);
    }

    /**
     * What tells one {@code aws login} from the next without revealing it: a digest of the DPoP key, which every
     * sign-in makes anew and every refresh keeps.
     */
    public String signIn() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.dpopKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /** Whether the credentials have ended at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }

    @Override
    public String toString() {
        return "LoginSessionToken[accountId=" + this.accountId + ", expiresAt=" + this.expiresAt + ", clientId="
                + this.clientId + ", signIn=" + signIn() + "]";
    }
}
