package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Proof Key for Code Exchange (RFC 7636), method {@code S256} only, the one the AWS CLI uses.
 */
final class Pkce {

    /** The only code challenge method accepted. */
    static final String S256 = "S256";

    private Pkce() {
    }

    /**
     * The {@code S256} challenge of a verifier: {@code base64url(sha256(ascii(verifier)))} without padding.
     */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * Whether the verifier proves the challenge; compared in constant time.
     */
    static boolean verifies(@Nullable String verifier, String challenge) {
        return verifier != null && MessageDigest.isEqual(challenge(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

}
