package dev.awssso.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449) made with the JDK alone, as a client of AWS Sign-In makes them, with the key of a login
 * session's PEM or another one.
 */
final class DpopProofs {

    private DpopProofs() {
    }

    /**
     * The key pair of a PEM {@code EC PRIVATE KEY}, read as SEC1 DER of the fixed P-256 layout.
     */
    static KeyPair keyPair(String pem) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN EC PRIVATE KEY-----", "").replace("-----END EC PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        ECParameterSpec spec = p256();
        BigInteger d = new BigInteger(1, Arrays.copyOfRange(der, 7, 39));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(der, 57, 89)),
                new BigInteger(1, Arrays.copyOfRange(der, 89, 121)));
        KeyFactory factory = KeyFactory.getInstance("EC");
        return new KeyPair(factory.generatePublic(new ECPublicKeySpec(point, spec)),
                factory.generatePrivate(new ECPrivateKeySpec(d, spec)));
    }

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A proof of {@code POST htu} at {@code iat} with a new {@code jti}. */
    static String proof(KeyPair keys, String htu, Instant iat) throws GeneralSecurityException {
        return proof(keys, keys, "POST", htu, iat, UUID.randomUUID().toString());
    }

    /**
     * A proof whose header names the public key of {@code named} and whose signature is made by {@code signer}.
     */
    static String proof(KeyPair named, KeyPair signer, String htm, String htu, Instant iat, String jti)
            throws GeneralSecurityException {
        ECPublicKey key = (ECPublicKey) named.getPublic();
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                + base64Url(coordinate(key.getW().getAffineX())) + "\",\"y\":\""
                + base64Url(coordinate(key.getW().getAffineY())) + "\"}}";
        String payload = "{\"jti\":\"" + jti + "\",\"htm\":\"" + htm + "\",\"htu\":\"" + htu + "\",\"iat\":"
                + iat.getEpochSecond() + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(signer.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(signature.sign());
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
