package dev.awssso.core.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.awssso.core.internal.ForeignText;
import org.jspecify.annotations.Nullable;

/**
 * An IAM Identity Center access token as the AWS CLI keeps it in {@code ~/.aws/sso/cache}, with the client
 * registration needed to refresh it. Immutable; {@link #toString()} shows no secret.
 *
 * @param accessToken bearer token for the portal API (secret)
 * @param expiresAt when the access token ends
 * @param refreshToken token that obtains a new access token (secret), or {@code null} when the sign-in issued none
 * @param clientId OIDC client the token was issued to, or {@code null}
 * @param clientSecret secret of that client (secret), or {@code null}
 * @param registrationExpiresAt when the client registration ends, or {@code null} when unknown
 * @param region SSO region recorded by the writer, or {@code null}
 * @param startUrl start URL recorded by the writer, or {@code null}
 * @param otherFields fields this class does not know, kept so that a rewrite loses nothing (JSON values as
 *     {@code String}, {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map} or {@code null})
 */
public record SsoToken(String accessToken, Instant expiresAt, @Nullable String refreshToken, @Nullable String clientId,
        @Nullable String clientSecret, @Nullable Instant registrationExpiresAt, @Nullable String region,
        @Nullable String startUrl, Map<String, @Nullable Object> otherFields) {

    /**
     * The field that a token refreshed by this library carries in the cache file: a digest of the first refresh
     * token of its sign-in, kept through every refresh, so that every process of this library tells a refresh
     * from a new sign-in.
     */
    static final String SIGN_IN = "awsSsoSignIn";

    public SsoToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        otherFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /** Whether the access token has ended at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }

    /** Time left on the access token at {@code now}, never negative. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, this.expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Why this token cannot be refreshed at {@code now}, or empty when it can. Like botocore, a refresh needs
     * the refresh token, the client id and secret, and a client registration that has not ended.
     */
    public Optional<String> whyNotRefreshable(Instant now) {
        if (this.refreshToken == null) {
            return Optional.of("the sign-in issued no refresh token (legacy profiles never get one)");
        }
        if (this.clientId == null || this.clientSecret == null) {
            return Optional.of("the cache file has no client registration (clientId, clientSecret)");
        }
        if (this.registrationExpiresAt == null) {
            return Optional.of("the cache file does not say when the client registration ends (registrationExpiresAt)");
        }
        if (!now.isBefore(this.registrationExpiresAt)) {
            return Optional.of("the client registration ended at " + this.registrationExpiresAt);
        }
        return Optional.empty();
    }

    /**
     * This token after a successful refresh: the new access token and expiry, the new refresh token or, when
     * the service returned none, the current one, and what sign-in it continues ({@link #continues}); everything
     * else kept.
     */
    public SsoToken refreshed(String newAccessToken, Instant newExpiresAt, @Nullable String newRefreshToken) {
        String refresh = (newRefreshToken != null) ? newRefreshToken : this.refreshToken;
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(this.otherFields);
        String signIn = signIn();
        if (signIn != null) {
            fields.put(SIGN_IN, signIn);
        }
        return new SsoToken(newAccessToken, newExpiresAt, refresh, this.clientId, this.clientSecret,
                this.registrationExpiresAt, this.region, this.startUrl, fields);
    }

    /**
     * Whether this token was refreshed, by this library in any process and any number of times, from the sign-in
     * of {@code previous}. Tokens written by the AWS CLI do not say.
     */
    public boolean continues(SsoToken previous) {
        Object signIn = this.otherFields.get(SIGN_IN);
        return signIn != null && signIn.equals(previous.signIn());
    }

    /** The sign-in this token belongs to: as recorded by a refresh, else the digest of its own refresh token. */
    private @Nullable String signIn() {
        if (this.otherFields.get(SIGN_IN) instanceof String recorded) {
            return recorded;
        }
        return (this.refreshToken != null) ? digest(this.refreshToken) : null;
    }

    /** Whether {@code other} holds the same access token as this one. */
    public boolean sameAccessToken(@Nullable SsoToken other) {
        return other != null && this.accessToken.equals(other.accessToken);
    }

    @Override
    public String toString() {
        return "SsoToken[expiresAt=" + this.expiresAt + ", refreshToken=" + present(this.refreshToken) + ", clientId="
                + this.clientId + ", registrationExpiresAt=" + this.registrationExpiresAt + ", region=" + this.region
                + ", startUrl=" + this.startUrl + ", otherFields=["
                + ForeignText.of(String.join(", ", this.otherFields.keySet())) + "]]";
    }

    /** The first 64 bits of the SHA-256 of a refresh token, in hex: enough to recognise it, too little to use. */
    private static String digest(String refreshToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static String present(@Nullable String secret) {
        return (secret != null) ? "present" : "absent";
    }
}
