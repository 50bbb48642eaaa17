package dev.awssso.core.token;

import java.time.Duration;

import dev.awssso.core.refresh.RefreshFailure;

/** Told by the {@link TokenManager} when the token or the sign-in behind it changes. */
public interface TokenListener {

    /** A token from a new sign-in (for example {@code aws sso login} in a terminal) replaced the previous one. */
    default void signedIn(SsoToken token) {
    }

    /** The token disappeared from the cache (for example {@code aws sso logout}). */
    default void signedOut() {
    }

    /**
     * The token was refreshed with its refresh token.
     * @param token the new token
     * @param duration how long {@code CreateToken} took
     */
    default void tokenRefreshed(SsoToken token, Duration duration) {
    }

    /** A refresh of the token failed. */
    default void tokenRefreshFailed(RefreshFailure failure) {
    }

    /**
     * IAM Identity Center ended the session (it refused the refresh token or rejected the access token): no token
     * is handed out until a new sign-in.
     */
    default void sessionEnded(RefreshFailure failure) {
    }
}
