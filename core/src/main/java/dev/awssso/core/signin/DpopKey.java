package dev.awssso.core.signin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The EC P-256 key of an {@code aws login} session, read from the PEM of its cache file (SEC1
 * {@code EC PRIVATE KEY} or PKCS#8 {@code PRIVATE KEY}), that signs the DPoP proofs (RFC 9449, ES256) of its
 * refreshes. {@link #toString()} shows no part of the key.
 */
public final class DpopKey {

    private static final int COORDINATE_LENGTH = 32;

    private static final byte[] PRIME256V1_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    private final ECPrivateKey privateKey;

    /** The protected header of every proof: the public key as a JWK. */
    private final String encodedHeader;

    private DpopKey(ECPrivateKey privateKey, byte[] x, byte[] y) {
        this.privateKey = privateKey;
        byte[] header = JsonWriter.create().writeStartObject()
            .writeFieldName("typ").writeValue("dpop+jwt")
            .writeFieldName("alg").writeValue("ES256")
            .writeFieldName("jwk").writeStartObject()
            .writeFieldName("crv").writeValue("P-256")
            .writeFieldName("kty").writeValue("EC")
            .writeFieldName("x").writeValue(BASE64_URL.encodeToString(x))
            .writeFieldName("y").writeValue(BASE64_URL.encodeToString(y))
            .writeEndObject().writeEndObject().getBytes();
        this.encodedHeader = BASE64_URL.encodeToString(header);
    }

    /**
     * Reads the key of a login cache file's {@code dpopKey}.
     * @throws IllegalArgumentException when it is not an EC P-256 private key with its public key; the message
     *     names the problem, never the key
     */
    public static DpopKey fromPem(String pem) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the field 'dpopKey' is not a PEM-encoded key");
        }
        try {
            DerReader outer = new DerReader(der).sequence();
            BigInteger version = outer.integer();
            byte[] sec1 = (version.intValue() == 0) ? pkcs8Inner(outer) : der;
            return fromSec1(sec1);
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("the field 'dpopKey' is not an EC P-256 private key ("
                    + ex.getMessage() + ")");
        }
    }

    /**
     * A DPoP proof for a request: a JWS signed with this key whose claims are a fresh {@code jti}, {@code htm},
     * {@code htu} and {@code iat}.
     * @param method the HTTP method of the request
     * @param targetUri the URI of the request without query and fragment
     * @param issuedAt the time of the proof
     */
    public String proof(String method, String targetUri, Instant issuedAt) {
        byte[] claims = JsonWriter.create().writeStartObject()
            .writeFieldName("jti").writeValue(UUID.randomUUID().toString())
            .writeFieldName("htm").writeValue(method)
            .writeFieldName("htu").writeValue(targetUri)
            .writeFieldName("iat").writeValue(issuedAt.getEpochSecond())
            .writeEndObject().getBytes();
        String signingInput = this.encodedHeader + "." + BASE64_URL.encodeToString(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(this.privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64_URL.encodeToString(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not sign a DPoP proof with ES256: " + ex.getClass().getSimpleName(),
                    null);
        }
    }

    private static byte[] pkcs8Inner(DerReader pkcs8) {
        DerReader algorithm = pkcs8.sequence();
        algorithm.objectIdentifier();
        if (!Arrays.equals(algorithm.objectIdentifier(), PRIME256V1_OID)) {
            throw new IllegalArgumentException("the curve is not P-256");
        }
        return pkcs8.octetString();
    }

    private static DpopKey fromSec1(byte[] sec1) {
        DerReader key = new DerReader(sec1).sequence();
        if (key.integer().intValue() != 1) {
            throw new IllegalArgumentException("unknown version");
        }
        byte[] scalar = key.octetString();
        byte[] publicPoint = null;
        while (key.hasMore()) {
            int tag = key.peekTag();
            byte[] content = key.any();
            if (tag == 0xa0 && !Arrays.equals(new DerReader(content).objectIdentifier(), PRIME256V1_OID)) {
                throw new IllegalArgumentException("the curve is not P-256");
            }
            if (tag == 0xa1) {
                publicPoint = new DerReader(content).bitString();
            }
        }
        if (publicPoint == null || publicPoint.length != 1 + 2 * COORDINATE_LENGTH || publicPoint[0] != 0x04) {
            throw new IllegalArgumentException("it holds no uncompressed public key");
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), curve));
            return new DpopKey(privateKey, Arrays.copyOfRange(publicPoint, 1, 1 + COORDINATE_LENGTH),
                    Arrays.copyOfRange(publicPoint, 1 + COORDINATE_LENGTH, publicPoint.length));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("the JDK cannot load it: " + ex.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "DpopKey[EC P-256]";
    }

    /** Reads the elements of one DER structure in order: the few forms an EC private key is made of. */
    private static final class DerReader {

        private final byte[] bytes;

        private int position;

        DerReader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return this.position < this.bytes.length;
        }

        int peekTag() {
            return this.bytes[this.position] & 0xff;
        }

        DerReader sequence() {
            return new DerReader(element(0x30));
        }

        BigInteger integer() {
            return new BigInteger(element(0x02));
        }

        byte[] octetString() {
            return element(0x04);
        }

        byte[] objectIdentifier() {
            return element(0x06);
        }

        byte[] bitString() {
            byte[] content = element(0x03);
            if (content.length == 0 || content[0] != 0) {
                throw new IllegalArgumentException("a bit string with unused bits");
            }
            return Arrays.copyOfRange(content, 1, content.length);
        }

        /** The content of the next element, whatever its tag. */
        byte[] any() {
            return element(peekTag());
        }

        private byte[] element(int tag) {
            if (!hasMore() || peekTag() != tag) {
                throw new IllegalArgumentException("unexpected DER structure");
            }
            this.position++;
            int length = this.bytes[this.position++] & 0xff;
            if (length > 0x80) {
                int octets = length - 0x80;
                if (octets > 2) {
                    throw new IllegalArgumentException("a DER length too long");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (this.bytes[this.position++] & 0xff);
                }
            }
            else if (length == 0x80) {
                throw new IllegalArgumentException("an indefinite DER length");
            }
            if (this.position + length > this.bytes.length) {
                throw new IllegalArgumentException("a truncated DER element");
            }
            byte[] content = Arrays.copyOfRange(this.bytes, this.position, this.position + length);
            this.position += length;
            return content;
        }
    }
}
