package dev.awssso.core.signin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** DPoP proofs (RFC 9449, ES256) signed with the key of a login cache file, checked with the JDK alone. */
class DpopKeyTests {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void signsAProofThatItsOwnPublicKeyVerifiesFromAPkcs8Key() throws Exception {
        DpopKey key = DpopKey.fromPem(LoginCacheFileTests.PKCS8_KEY.replace("\\n", "\n"));
        String proof = key.proof("POST", "https://us-east-1.signin.aws.amazon.com/v1/token", NOW);
        assertVerifies(proof);
        Map<String, JsonNode> claims = part(proof, 1);
        assertThat(claims.get("htm").asString()).isEqualTo("POST");
        assertThat(claims.get("htu").asString()).isEqualTo("https://us-east-1.signin.aws.amazon.com/v1/token");
        assertThat(claims.get("iat").asNumber()).isEqualTo(String.valueOf(NOW.getEpochSecond()));
        assertThat(claims.get("jti").asString()).hasSize(36);
        Map<String, JsonNode> header = part(proof, 0);
        assertThat(header.get("typ").asString()).isEqualTo("dpop+jwt");
        assertThat(header.get("alg").asString()).isEqualTo("ES256");
        assertThat(header.get("jwk").asObject().get("x").asString()).isEqualTo("djbcOgVydb_I2_V48ymSfoC-X_9yaiKoh9j1Bilsa"
                + "Bc");
    }

    @Test
    void readsTheSec1FormAndPadsCoordinatesToTheirFullLength() throws Exception {
        for (int attempt = 0; attempt < 64; attempt++) {
            KeyPair pair = newPair();
            String proof = DpopKey.fromPem(sec1Pem(pair)).proof("POST", "http://127.0.0.1:4566/v1/token", NOW);
            assertVerifies(proof);
            Map<String, JsonNode> jwk = part(proof, 0).get("jwk").asObject();
            assertThat(Base64.getUrlDecoder().decode(jwk.get("x").asString())).hasSize(32);
            assertThat(Base64.getUrlDecoder().decode(jwk.get("y").asString())).hasSize(32);
        }
    }

    @Test
    void everyProofHasAJtiOfItsOwn() {
        DpopKey key = DpopKey.fromPem(LoginCacheFileTests.PKCS8_KEY.replace("\\n", "\n"));
        assertThat(part(key.proof("POST", "https://signin/v1/token", NOW), 1).get("jti").asString())
            .isNotEqualTo(part(key.proof("POST", "https://signin/v1/token", NOW), 1).get("jti").asString());
    }

    @Test
    void aKeyThatIsNotPemIsRefusedWithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> DpopKey.fromPem("-----BEGIN EC PRIVATE KEY-----\n"
                + "c2VjcmV0LWtleQ==\n-----END EC PRIVATE KEY-----"))
            .withMessageContaining("dpopKey").withMessageNotContaining("c2VjcmV0");
        assertThat(DpopKey.fromPem(LoginCacheFileTests.PKCS8_KEY.replace("\\n", "\n")).toString())
            .doesNotContain("MIGHAg");
    }

    private static KeyPair newPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The SEC1 ({@code EC PRIVATE KEY}) PEM of {@code pair}, with the curve and the public key. */
    static String sec1Pem(KeyPair pair) {
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        String der = "30770201010420" + hex32(((ECPrivateKey) pair.getPrivate()).getS())
                + "a00a06082a8648ce3d030107a144034200" + "04" + hex32(publicKey.getW().getAffineX())
                + hex32(publicKey.getW().getAffineY());
        return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(HexFormat.of().parseHex(der))
                + "\n-----END EC PRIVATE KEY-----\n";
    }

    private static String hex32(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static Map<String, JsonNode> part(String proof, int index) {
        return JsonNodeParser.create().parse(new String(Base64.getUrlDecoder().decode(proof.split("\\.")[index]),
                StandardCharsets.UTF_8)).asObject();
    }

    /** Verifies the proof's signature with the public key its own header carries. */
    private static void assertVerifies(String proof) throws Exception {
        String[] parts = proof.split("\\.");
        Map<String, JsonNode> jwk = part(proof, 0).get("jwk").asObject();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("x").asString())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y").asString())));
        PublicKey publicKey = KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature verifies").isTrue();
    }
}
