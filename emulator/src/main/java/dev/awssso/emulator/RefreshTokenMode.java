package dev.awssso.emulator;

/**
 * What OIDC {@code CreateToken} does with the refresh token on a {@code refresh_token} grant.
 */
public enum RefreshTokenMode {

    /** Issue a new refresh token; the one just used is invalid from now on (what AWS does). */
    ROTATE,

    /** Return the refresh token just used again; it stays valid. */
    REUSE,

    /** Return no refresh token; the one just used stays valid. */
    OMIT

}
