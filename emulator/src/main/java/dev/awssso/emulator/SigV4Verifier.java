package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Checks the AWS Signature Version 4 of a request signed in its {@code Authorization} header, as the AWS services
 * do: it rebuilds the canonical request (method, path encoded once more, sorted query, the signed headers with
 * their values trimmed, the payload hash), the string to sign and the signing key from the secret access key,
 * and compares the signatures. The request time is not compared with the clock: the emulator's clock may be
 * moved hours away from the clock the client signs with.
 */
final class SigV4Verifier {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final Pattern AUTHORIZATION = Pattern.compile(ALGORITHM
            + "\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
            + "\\s*SignedHeaders=([a-z0-9;._-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Verifier() {
    }

    /**
     * The signature a request carries.
     * @return the signature, or {@code null} if the request has no {@code Authorization} header
     * @throws MalformedSignatureException if the header is not a SigV4 signature or {@code X-Amz-Date} is missing
     */
    static @Nullable Signature signature(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        if (!matcher.matches()) {
            throw new MalformedSignatureException("Authorization header requires 'Credential', 'SignedHeaders' and"
                    + " 'Signature' parameters of the " + ALGORITHM + " algorithm.");
        }
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw new MalformedSignatureException("A SigV4 Authorization header requires an 'X-Amz-Date' header.");
        }
        return new Signature(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                List.of(matcher.group(5).split(";")), matcher.group(6), amzDate);
    }

    /**
     * Whether the signature was made over this request with this secret access key.
     */
    static boolean matches(Request request, Signature signature, String secretAccessKey) {
        if (!signature.amzDate().startsWith(signature.date())) {
            return false;
        }
        byte[] expected = hmac(signingKey(secretAccessKey, signature), stringToSign(request, signature));
        return MessageDigest.isEqual(expected, HEX.parseHex(signature.signature()));
    }

    /** The canonical request of the SigV4 specification, for the headers the signature names. */
    static String canonicalRequest(Request request, List<String> signedHeaders) {
        return request.method() + "\n" + canonicalUri(request.rawPath()) + "\n" + canonicalQuery(request.rawQuery())
                + "\n" + canonicalHeaders(request, signedHeaders) + "\n" + String.join(";", signedHeaders) + "\n"
                + payloadHash(request);
    }

    private static String stringToSign(Request request, Signature signature) {
        return ALGORITHM + "\n" + signature.amzDate() + "\n" + signature.scope() + "\n"
                + HEX.formatHex(sha256(canonicalRequest(request, signature.signedHeaders())
                    .getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] signingKey(String secretAccessKey, Signature signature) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), signature.date());
        key = hmac(key, signature.region());
        key = hmac(key, signature.service());
        return hmac(key, "aws4_request");
    }

    /**
     * The path with dot segments removed and each segment encoded once more (every service but S3 signs the
     * path double-encoded).
     */
    private static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals("..")) {
                if (segments.size() > 1) {
                    segments.remove(segments.size() - 1);
                }
            }
            else if (!segment.equals(".")) {
                segments.add(segment);
            }
        }
        StringBuilder uri = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                uri.append('/');
            }
            uri.append(encode(segments.get(i)));
        }
        return uri.isEmpty() ? "/" : uri.toString();
    }

    /** The query parameters decoded, encoded again strictly, and sorted by name and then value. */
    private static String canonicalQuery(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = (equals >= 0) ? pair.substring(0, equals) : pair;
            String value = (equals >= 0) ? pair.substring(equals + 1) : "";
            parameters.add(new String[] { encode(percentDecode(name)), encode(percentDecode(value)) });
        }
        parameters.sort((a, b) -> (a[0].equals(b[0])) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", parameters.stream().map((parameter) -> parameter[0] + "=" + parameter[1]).toList());
    }

    private static String canonicalHeaders(Request request, List<String> signedHeaders) {
        Map<String, String> headers = new TreeMap<>();
        for (String name : signedHeaders) {
            List<String> values = request.headers().get(name);
            String joined = (values != null) ? String.join(",", values.stream().map(SigV4Verifier::trimAll).toList())
                    : "";
            headers.put(name, joined);
        }
        StringBuilder canonical = new StringBuilder();
        headers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        return canonical.toString();
    }

    private static String payloadHash(Request request) {
        String declared = request.header("X-Amz-Content-Sha256");
        return UNSIGNED_PAYLOAD.equals(declared) ? declared : HEX.formatHex(sha256(request.body()));
    }

    private static String trimAll(String value) {
        return value.trim().replaceAll("\\s+", " ");
    }

    /** Percent-encodes all but the unreserved characters of RFC 3986, with upper-case hex digits. */
    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /** Decodes {@code %XX} sequences; unlike form decoding, a {@code +} stays a {@code +}. */
    private static String percentDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] decoded = new byte[bytes.length];
        int length = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                decoded[length++] = (byte) (Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            }
            else {
                decoded[length++] = bytes[i];
            }
        }
        return new String(Arrays.copyOf(decoded, length), StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * The parts of a SigV4 {@code Authorization} header. {@link #toString()} leaves out the signature.
     * @param accessKeyId access key id of the signing credentials
     * @param date the day of the credential scope, {@code yyyyMMdd}
     * @param region the region of the credential scope
     * @param service the signing name of the service in the credential scope
     * @param signedHeaders the names of the signed headers, lower case and sorted
     * @param signature the signature, lower-case hex
     * @param amzDate the request time, {@code X-Amz-Date}
     */
    record Signature(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
            String signature, String amzDate) {

        String scope() {
            return this.date + "/" + this.region + "/" + this.service + "/aws4_request";
        }

        @Override
        public String toString() {
            return "Signature[accessKeyId=" + this.accessKeyId + ", scope=" + scope() + ", signedHeaders="
                    + String.join(";", this.signedHeaders) + "]";
        }

    }

    /** The {@code Authorization} header is not a complete SigV4 signature. */
    static final class MalformedSignatureException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedSignatureException(String message) {
            super(message, null, false, false);
        }

    }

}
