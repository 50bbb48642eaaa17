package dev.awssso.emulator;

import java.nio.file.Path;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.ClientRegistry.Client;

/**
 * A signed-in Identity Center session as {@code aws sso login} leaves it: the tokens and client registration
 * it would write to the token cache. A snapshot taken at sign-in; tokens refreshed later through the emulator
 * belong to the same session but are not reflected here. {@link #toString()} shows no secrets.
 */
public final class EmulatedSession {

    private final String id;

    private final @Nullable String sessionName;

    private final String startUrl;

    private final String region;

    private final String accessToken;

    private final Instant expiresAt;

    private final @Nullable String refreshToken;

    private final @Nullable Client client;

    private final Instant sessionEndsAt;

    EmulatedSession(String id, @Nullable String sessionName, String startUrl, String region, String accessToken,
            Instant expiresAt, @Nullable String refreshToken, @Nullable Client client, Instant sessionEndsAt) {
        this.id = id;
        this.sessionName = sessionName;
        this.startUrl = startUrl;
        this.region = region;
        this.accessToken = accessToken;
        this.expiresAt = expiresAt;
        this.refreshToken = refreshToken;
        this.client = client;
        this.sessionEndsAt = sessionEndsAt;
    }

    String id() {
        return this.id;
    }

    @Nullable Client client() {
        return this.client;
    }

    /**
     * The name of the {@code [sso-session]}, or {@code null} for a legacy sign-in.
     */
    public @Nullable String sessionName() {
        return this.sessionName;
    }

    /**
     * The start URL of the portal.
     */
    public String startUrl() {
        return this.startUrl;
    }

    /**
     * The region of the portal and OIDC endpoints.
     */
    public String region() {
        return this.region;
    }

    /**
     * The access token issued at sign-in.
     */
    public String accessToken() {
        return this.accessToken;
    }

    /**
     * When the access token expires: the token lifetime after sign-in, or the session end if earlier.
     */
    public Instant expiresAt() {
        return this.expiresAt;
    }

    /**
     * The refresh token issued at sign-in, or {@code null} for a legacy sign-in.
     */
    public @Nullable String refreshToken() {
        return this.refreshToken;
    }

    /**
     * The id of the OIDC client registered for the sign-in, or {@code null} for a legacy sign-in.
     */
    public @Nullable String clientId() {
        return (this.client != null) ? this.client.clientId() : null;
    }

    /**
     * The secret of the OIDC client, or {@code null} for a legacy sign-in.
     */
    public @Nullable String clientSecret() {
        return (this.client != null) ? this.client.clientSecret() : null;
    }

    /**
     * When the client registration expires, or {@code null} for a legacy sign-in.
     */
    public @Nullable Instant registrationExpiresAt() {
        return (this.client != null) ? this.client.expiresAt() : null;
    }

    /**
     * When the Identity Center session ends; no token of the session is accepted after that.
     */
    public Instant sessionEndsAt() {
        return this.sessionEndsAt;
    }

    /**
     * Writes the token cache file as {@code aws sso login} does, with dates in {@link CacheDateStyle#CLI}.
     * @param cacheDir the cache directory, for example {@code ~/.aws/sso/cache}; created if missing
     * @return the file written
     * @see #writeCacheFile(Path, CacheDateStyle)
     */
    public Path writeCacheFile(Path cacheDir) {
        return writeCacheFile(cacheDir, CacheDateStyle.CLI);
    }

    /**
     * Writes the token cache file as {@code aws sso login} does: named by the SHA-1 hex of the session name
     * (of the start URL for a legacy sign-in), keys in the CLI's order, the CLI's JSON layout, mode 0600 where
     * the file system is POSIX. The file is replaced atomically if it exists.
     * @param cacheDir the cache directory; created if missing
     * @param dateStyle how to write {@code expiresAt} and {@code registrationExpiresAt}
     * @return the file written
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public Path writeCacheFile(Path cacheDir, CacheDateStyle dateStyle) {
        return TokenCacheFile.write(this, cacheDir, dateStyle);
    }

    @Override
    public String toString() {
        return "EmulatedSession[sessionName=" + this.sessionName + ", startUrl=" + this.startUrl + ", region="
                + this.region + ", clientId=" + clientId() + ", expiresAt=" + this.expiresAt
                + ", sessionEndsAt=" + this.sessionEndsAt + "]";
    }

}
