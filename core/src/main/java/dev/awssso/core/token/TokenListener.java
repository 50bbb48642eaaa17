package dev.awssso.core.token;

/** Told by the {@link TokenManager} when the sign-in behind the token changes. */
public interface TokenListener {

    /** A token from a new sign-in (for example {@code aws sso login} in a terminal) replaced the previous one. */
    default void signedIn(SsoToken token) {
    }

    /** The token disappeared from the cache (for example {@code aws sso logout}). */
    default void signedOut() {
    }
}
