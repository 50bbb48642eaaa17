package dev.awssso.emulator;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Checks the {@code DPoP} header of a request (RFC 9449) as AWS Sign-In does: a compact JWS of type
 * {@code dpop+jwt}, signed with ES256 by the P-256 key in its {@code jwk} header, for the request's method and URL,
 * issued within five minutes of the emulator's clock, and with a {@code jti} not seen before. Refusals are
 * {@code ValidationException} with {@code invalid_request}, saying what is wrong.
 */
final class DpopVerifier {

    static final String HEADER = "DPoP";

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final JsonNodeParser parser = JsonNodeParser.create();

    /** The {@code jti} of every proof accepted, with its {@code iat}, until the proof is too old to be replayed. */
    private final Map<String, Instant> usedIds = new HashMap<>();

    private final Clock clock;

    DpopVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks the proof of a request and remembers its {@code jti}.
     * @return the RFC 7638 thumbprint of the key that signed it
     * @throws ServiceError {@code ValidationException} if there is no valid proof
     */
    String verify(Request request) {
        String proof = request.header(HEADER);
        if (proof == null || proof.isEmpty()) {
            throw SigninHandler.invalidRequest("The DPoP header is missing");
        }
        String[] parts = proof.split("\\.", -1);
        if (parts.length != 3) {
            throw SigninHandler.invalidRequest("The DPoP proof is not a compact JWS of three parts");
        }
        JsonNode header = decodeObject(parts[0], "header");
        JsonNode claims = decodeObject(parts[1], "payload");
        if (!"dpop+jwt".equals(text(header, "typ"))) {
            throw SigninHandler.invalidRequest("The DPoP proof's typ is not dpop+jwt");
        }
        if (!"ES256".equals(text(header, "alg"))) {
            throw SigninHandler.invalidRequest("The DPoP proof's alg is not ES256");
        }
        ECPublicKey key = publicKey(header.field("jwk").orElse(null));
        if (!signedBy(key, parts)) {
            throw SigninHandler.invalidRequest("The DPoP proof's signature is invalid");
        }
        if (!request.method().equals(text(claims, "htm"))) {
            throw SigninHandler.invalidRequest("The DPoP proof's htm is not " + request.method());
        }
        if (!targets(text(claims, "htu"), request)) {
            throw SigninHandler.invalidRequest("The DPoP proof's htu is not the URL of the request, http://"
                    + request.header("Host") + request.rawPath());
        }
        Instant issuedAt = issuedAt(claims);
        String id = text(claims, "jti");
        if (id == null || id.isEmpty()) {
            throw SigninHandler.invalidRequest("The DPoP proof has no jti");
        }
        if (!firstUse(id, issuedAt)) {
            throw SigninHandler.invalidRequest("The DPoP proof's jti was already used");
        }
        return DpopKeys.thumbprint(key);
    }

    private static JsonNode decodeObject(String part, String name) {
        JsonNode node;
        try {
            node = parser.parse(Base64.getUrlDecoder().decode(part));
        }
        catch (RuntimeException ex) {
            throw SigninHandler.invalidRequest("The DPoP proof's " + name + " is not base64url JSON");
        }
        if (!node.isObject()) {
            throw SigninHandler.invalidRequest("The DPoP proof's " + name + " is not a JSON object");
        }
        return node;
    }

    private static @Nullable String text(JsonNode object, String name) {
        return object.field(name).filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
    }

    /**
     * The public key of the {@code jwk} header: an EC P-256 public key, without a private part.
     */
    private static ECPublicKey publicKey(@Nullable JsonNode jwk) {
        if (jwk == null || !jwk.isObject()) {
            throw SigninHandler.invalidRequest("The DPoP proof has no jwk header");
        }
        if (!"EC".equals(text(jwk, "kty")) || !"P-256".equals(text(jwk, "crv"))) {
            throw SigninHandler.invalidRequest("The DPoP proof's jwk is not an EC P-256 key");
        }
        if (jwk.field("d").isPresent()) {
            throw SigninHandler.invalidRequest("The DPoP proof's jwk holds a private key");
        }
        byte[] x = coordinate(text(jwk, "x"));
        byte[] y = coordinate(text(jwk, "y"));
        try {
            return DpopKeys.publicKey(x, y);
        }
        catch (GeneralSecurityException ex) {
            throw SigninHandler.invalidRequest("The DPoP proof's jwk is not a point of P-256");
        }
    }

    private static byte[] coordinate(@Nullable String value) {
        byte[] bytes = (value != null) ? base64Url(value) : null;
        if (bytes == null || bytes.length != 32) {
            throw SigninHandler.invalidRequest("The DPoP proof's jwk coordinates are not 32 bytes of base64url");
        }
        return bytes;
    }

    /**
     * The bytes of base64url text, or {@code null} if it is not base64url.
     */
    private static byte @Nullable [] base64Url(String value) {
        try {
            return Base64.getUrlDecoder().decode(value);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * Whether the third part is an ES256 signature (64 bytes, r then s) by {@code key} over the first two.
     */
    private static boolean signedBy(ECPublicKey key, String[] parts) {
        byte[] signature = base64Url(parts[2]);
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }

    /**
     * Whether {@code htu} names the request's host and port (as its {@code Host} header gives them) and path,
     * without query or fragment; the scheme is not compared.
     */
    private static boolean targets(@Nullable String htu, Request request) {
        if (htu == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(htu);
        }
        catch (URISyntaxException ex) {
            return false;
        }
        return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(request.header("Host"))
                && request.rawPath().equals(uri.getRawPath()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
    }

    private Instant issuedAt(JsonNode claims) {
        JsonNode iat = claims.field("iat").filter(JsonNode::isNumber).orElse(null);
        if (iat == null) {
            throw SigninHandler.invalidRequest("The DPoP proof has no numeric iat");
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.ofEpochSecond(new BigDecimal(iat.asNumber()).longValueExact());
        }
        catch (ArithmeticException | NumberFormatException | DateTimeException ex) {
            throw SigninHandler.invalidRequest("The DPoP proof's iat is not a time in epoch seconds");
        }
        if (Duration.between(issuedAt, this.clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw SigninHandler.invalidRequest("The DPoP proof's iat is more than 5 minutes from the server's time");
        }
        return issuedAt;
    }

    /**
     * Remembers a {@code jti}, forgetting those of proofs too old to be accepted any more.
     * @return whether it was not used before
     */
    private synchronized boolean firstUse(String id, Instant issuedAt) {
        Instant oldest = this.clock.instant().minus(MAX_CLOCK_SKEW);
        this.usedIds.values().removeIf(oldest::isAfter);
        return this.usedIds.putIfAbsent(id, issuedAt) == null;
    }

}
