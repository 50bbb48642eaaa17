package dev.awssso.core.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The secrets of one PKCE authorization (RFC 7636): a code verifier of 64 characters from the unreserved set,
 * its S256 challenge, and a {@code state} that ties the answer to the request.
 *
 * @param verifier the code verifier (secret until the code is redeemed)
 * @param challenge {@code base64url(sha256(verifier))} without padding
 * @param state a random value the answer must carry back
 */
record PkceChallenge(String verifier, String challenge, String state) {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random verifier, its challenge and a new state. */
    static PkceChallenge create() {
        StringBuilder verifier = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            verifier.append(UNRESERVED.charAt(RANDOM.nextInt(UNRESERVED.length())));
        }
        return new PkceChallenge(verifier.toString(), challengeOf(verifier.toString()), UUID.randomUUID().toString());
    }

    /** The S256 challenge of {@code verifier}. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
        }
    }

    @Override
    public String toString() {
        return "PkceChallenge[challenge=" + this.challenge + "]";
    }
}
