package dev.awssso.core.signin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awssso.core.internal.CacheTimestamps;
import dev.awssso.core.internal.JsonValues;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Converts between {@link LoginSessionToken} and the JSON of a login cache file, in the AWS CLI's field names and
 * formats. Fields it does not know ({@code idToken}, {@code tokenType}, those of later versions) are written back
 * unchanged. Error messages name the field but never its value.
 */
final class LoginTokenCodec {

    private static final String ACCESS_TOKEN = "accessToken";

    private static final String ACCESS_KEY_ID = "accessKeyId";

    private static final String SECRET_ACCESS_KEY = "secretAccessKey";

    private static final String SESSION_TOKEN = "sessionToken";

    private static final String ACCOUNT_ID = "accountId";

    private static final String EXPIRES_AT = "expiresAt";

    private static final String CLIENT_ID = "clientId";

    private static final String REFRESH_TOKEN = "refreshToken";

    private static final String DPOP_KEY = "dpopKey";

    private static final String TOKEN_TYPE = "tokenType";

    private static final String ID_TOKEN = "idToken";

    private static final List<String> KNOWN_FIELDS = List.of(ACCESS_TOKEN, CLIENT_ID, REFRESH_TOKEN, DPOP_KEY);

    private static final List<String> KNOWN_ACCESS_TOKEN_FIELDS = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY,
            SESSION_TOKEN, ACCOUNT_ID, EXPIRES_AT);

    private static final JsonNodeParser PARSER = JsonNodeParser.create();

    private LoginTokenCodec() {
    }

    /**
     * Reads a session from the bytes of a login cache file.
     * @throws IllegalArgumentException when the content is not a session the AWS CLI could have written; the
     *     message names the problem
     */
    static LoginSessionToken decode(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("the file is empty");
        }
        JsonNode root;
        try {
            root = PARSER.parse(content);
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("the file is not valid JSON (it may be truncated)");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the file does not hold a JSON object");
        }
        Map<String, JsonNode> fields = root.asObject();
        JsonNode accessToken = fields.get(ACCESS_TOKEN);
        if (accessToken == null || !accessToken.isObject()) {
            throw new IllegalArgumentException("the required object '" + ACCESS_TOKEN + "' is missing");
        }
        Map<String, JsonNode> credentials = accessToken.asObject();
        return new LoginSessionToken(required(credentials, ACCESS_TOKEN + "." + ACCESS_KEY_ID, ACCESS_KEY_ID),
                required(credentials, ACCESS_TOKEN + "." + SECRET_ACCESS_KEY, SECRET_ACCESS_KEY),
                required(credentials, ACCESS_TOKEN + "." + SESSION_TOKEN, SESSION_TOKEN),
                required(credentials, ACCESS_TOKEN + "." + ACCOUNT_ID, ACCOUNT_ID),
                instant(required(credentials, ACCESS_TOKEN + "." + EXPIRES_AT, EXPIRES_AT)),
                required(fields, CLIENT_ID, CLIENT_ID), required(fields, REFRESH_TOKEN, REFRESH_TOKEN),
                required(fields, DPOP_KEY, DPOP_KEY), others(fields, KNOWN_FIELDS),
                others(credentials, KNOWN_ACCESS_TOKEN_FIELDS));
    }

    /**
     * Writes a session as compact JSON in the AWS CLI's order: {@code accessToken}, {@code tokenType},
     * {@code clientId}, {@code refreshToken}, {@code idToken}, {@code dpopKey}, then the fields of later versions.
     */
    static byte[] encode(LoginSessionToken token) {
        JsonWriter writer = JsonWriter.create();
        writer.writeStartObject();
        writer.writeFieldName(ACCESS_TOKEN);
        writer.writeStartObject();
        write(writer, ACCESS_KEY_ID, token.accessKeyId());
        write(writer, SECRET_ACCESS_KEY, token.secretAccessKey());
        write(writer, SESSION_TOKEN, token.sessionToken());
        write(writer, ACCOUNT_ID, token.accountId());
        write(writer, EXPIRES_AT, CacheTimestamps.format(token.expiresAt()));
        writeOthers(writer, token.otherAccessTokenFields(), List.of());
        writer.writeEndObject();
        writeOther(writer, token.otherFields(), TOKEN_TYPE);
        write(writer, CLIENT_ID, token.clientId());
        write(writer, REFRESH_TOKEN, token.refreshToken());
        writeOther(writer, token.otherFields(), ID_TOKEN);
        write(writer, DPOP_KEY, token.dpopKey());
        writeOthers(writer, token.otherFields(), List.of(TOKEN_TYPE, ID_TOKEN));
        writer.writeEndObject();
        return writer.getBytes();
    }

    private static String required(Map<String, JsonNode> fields, String path, String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("the required field '" + path + "' is missing");
        }
        if (!node.isString() || node.asString().isBlank()) {
            throw new IllegalArgumentException("the field '" + path + "' is not a non-empty string");
        }
        return node.asString();
    }

    private static Instant instant(String text) {
        try {
            return CacheTimestamps.parse(text);
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("the field '" + ACCESS_TOKEN + "." + EXPIRES_AT
                    + "' is not a date such as 2026-01-01T00:00:00Z");
        }
    }

    private static Map<String, @Nullable Object> others(Map<String, JsonNode> fields, List<String> known) {
        Map<String, @Nullable Object> others = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!known.contains(name)) {
                others.put(name, JsonValues.toPlainValue(value));
            }
        });
        return others;
    }

    private static void write(JsonWriter writer, String name, String value) {
        writer.writeFieldName(name);
        writer.writeValue(value);
    }

    private static void writeOther(JsonWriter writer, Map<String, @Nullable Object> others, String name) {
        if (others.containsKey(name)) {
            writer.writeFieldName(name);
            JsonValues.writePlainValue(writer, others.get(name));
        }
    }

    private static void writeOthers(JsonWriter writer, Map<String, @Nullable Object> others, List<String> written) {
        others.forEach((name, value) -> {
            if (!written.contains(name)) {
                writer.writeFieldName(name);
                JsonValues.writePlainValue(writer, value);
            }
        });
    }
}
