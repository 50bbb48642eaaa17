package dev.awssso.emulator;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

/**
 * The EC P-256 keys of DPoP (RFC 9449): made, read from a JWK, named by their RFC 7638 thumbprint and written as
 * the SEC1 PEM the AWS CLI keeps in its {@code aws login} cache.
 */
final class DpopKeys {

    private static final String CURVE = "secp256r1";

    private static final int COORDINATE_LENGTH = 32;

    /** The DER of the SEC1 {@code ECPrivateKey} up to the private key: SEQUENCE, version 1, OCTET STRING of 32. */
    private static final byte[] SEC1_START = { 0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20 };

    /** The DER between the private and the public key: [0] prime256v1, [1] BIT STRING, uncompressed point. */
    private static final byte[] SEC1_MIDDLE = { (byte) 0xa0, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce,
        0x3d, 0x03, 0x01, 0x07, (byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04 };

    private DpopKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("EC P-256 keys are not available", ex);
        }
    }

    /**
     * The public key of a JWK's coordinates.
     * @param x the x coordinate, 32 bytes big-endian
     * @param y the y coordinate, 32 bytes big-endian
     * @throws GeneralSecurityException if they are not a point of P-256
     */
    static ECPublicKey publicKey(byte[] x, byte[] y) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(CURVE));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        if (!onCurve(point, spec)) {
            throw new GeneralSecurityException("The point is not on P-256");
        }
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    /**
     * The RFC 7638 JWK thumbprint of a key: base64url of the SHA-256 of {@code {"crv","kty","x","y"}}.
     */
    static String thumbprint(ECPublicKey key) {
        String jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + base64Url(coordinate(key.getW().getAffineX()))
                + "\",\"y\":\"" + base64Url(coordinate(key.getW().getAffineY())) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8));
            return base64Url(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * The key pair as PEM {@code EC PRIVATE KEY}: the SEC1 (RFC 5915) DER with the curve and the public key.
     */
    static String pem(KeyPair keys) {
        ECPrivateKey privateKey = (ECPrivateKey) keys.getPrivate();
        ECPublicKey publicKey = (ECPublicKey) keys.getPublic();
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(SEC1_START);
        der.writeBytes(coordinate(privateKey.getS()));
        der.writeBytes(SEC1_MIDDLE);
        der.writeBytes(coordinate(publicKey.getW().getAffineX()));
        der.writeBytes(coordinate(publicKey.getW().getAffineY()));
        String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der.toByteArray());
        return "-----BEGIN EC PRIVATE KEY-----\n" + base64 + "\n-----END EC PRIVATE KEY-----\n";
    }

    /**
     * A coordinate or private value as 32 bytes big-endian.
     */
    static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[COORDINATE_LENGTH];
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, fixed, COORDINATE_LENGTH - length, length);
        return fixed;
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the point satisfies y² = x³ + ax + b over the curve's prime field.
     */
    private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

}
