package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes random tokens, keys and identifiers shaped like the real ones, and remembers every secret it made.
 */
final class Secrets {

    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private static final char[] USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ".toCharArray();

    private static final byte[] ID_TOKEN_HEADER = "{\"alg\":\"ES256\",\"typ\":\"JWT\"}"
        .getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();

    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    String accessToken() {
        return secret("aoa" + urlSafe(96));
    }

    String refreshToken() {
        return secret("aor" + urlSafe(96));
    }

    String clientSecret() {
        return secret(urlSafe(192));
    }

    String deviceCode() {
        return secret(urlSafe(86));
    }

    String authorizationCode() {
        return secret(urlSafe(64));
    }

    /**
     * An identity token: a JWT of the claims, with a random signature.
     * @param claims the claims, a JSON object in UTF-8
     */
    String idToken(byte[] claims) {
        return secret(Base64.getUrlEncoder().withoutPadding().encodeToString(ID_TOKEN_HEADER) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims) + "." + urlSafe(86));
    }

    /**
     * Remembers a secret made elsewhere, such as a private key.
     * @return the secret
     */
    String keep(String secret) {
        return secret(secret);
    }

    String secretAccessKey() {
        return secret(standard(30));
    }

    String sessionToken() {
        return secret("IQoJb3JpZ2luX2Vj" + standard(240));
    }

    /**
     * A client id; not a secret.
     */
    String clientId() {
        return urlSafe(22);
    }

    /**
     * A user code of a device authorization, {@code XXXX-XXXX} from consonants that spell no words; not a
     * secret (the user reads it off the screen).
     */
    String userCode() {
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(USER_CODE_ALPHABET[this.random.nextInt(USER_CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * A temporary access key id ({@code ASIA} and 16 more characters); not a secret.
     */
    String accessKeyId() {
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ID_ALPHABET[this.random.nextInt(KEY_ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /**
     * An opaque identifier for internal bookkeeping; not a secret.
     */
    String id() {
        return urlSafe(16);
    }

    /**
     * Every secret made so far.
     */
    Set<String> issued() {
        return Set.copyOf(this.issued);
    }

    private String secret(String value) {
        this.issued.add(value);
        return value;
    }

    /**
     * {@code length} characters of unpadded base64url.
     */
    private String urlSafe(int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(length)).substring(0, length);
    }

    /**
     * Standard base64 of {@code byteCount} random bytes.
     */
    private String standard(int byteCount) {
        return Base64.getEncoder().encodeToString(bytes(byteCount));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        this.random.nextBytes(bytes);
        return bytes;
    }

}
