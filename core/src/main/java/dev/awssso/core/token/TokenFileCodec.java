package dev.awssso.core.token;

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
 * Converts between {@link SsoToken} and the JSON of a token cache file, in the AWS CLI's field names and
 * formats. Fields it does not know are read into {@link SsoToken#otherFields()} and written back unchanged.
 * Error messages name the field but never its value.
 */
final class TokenFileCodec {

    private static final String ACCESS_TOKEN = "accessToken";

    private static final String EXPIRES_AT = "expiresAt";

    private static final String REFRESH_TOKEN = "refreshToken";

    private static final String CLIENT_ID = "clientId";

    private static final String CLIENT_SECRET = "clientSecret";

    private static final String REGISTRATION_EXPIRES_AT = "registrationExpiresAt";

    private static final String REGION = "region";

    private static final String START_URL = "startUrl";

    private static final List<String> KNOWN_FIELDS = List.of(START_URL, REGION, ACCESS_TOKEN, EXPIRES_AT, CLIENT_ID,
            CLIENT_SECRET, REGISTRATION_EXPIRES_AT, REFRESH_TOKEN);

    private static final JsonNodeParser PARSER = JsonNodeParser.create();

    private TokenFileCodec() {
    }

    /**
     * Reads a token from the bytes of a cache file.
     * @throws InvalidTokenFileException when the content is not a token the AWS CLI could have written
     */
    static SsoToken decode(byte[] content) {
        if (content.length == 0) {
            throw new InvalidTokenFileException("the file is empty");
        }
        JsonNode root;
        try {
            root = PARSER.parse(content);
        }
        catch (RuntimeException ex) {
            throw new InvalidTokenFileException("the file is not valid JSON (it may be truncated)");
        }
        if (!root.isObject()) {
            throw new InvalidTokenFileException("the file does not hold a JSON object");
        }
        Map<String, JsonNode> fields = root.asObject();
        Map<String, @Nullable Object> other = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!KNOWN_FIELDS.contains(name)) {
                other.put(name, JsonValues.toPlainValue(value));
            }
        });
        return new SsoToken(requiredString(fields, ACCESS_TOKEN), requiredInstant(fields, EXPIRES_AT),
                optionalString(fields, REFRESH_TOKEN), optionalString(fields, CLIENT_ID),
                optionalString(fields, CLIENT_SECRET), optionalInstant(fields, REGISTRATION_EXPIRES_AT),
                optionalString(fields, REGION), optionalString(fields, START_URL), other);
    }

    /** Writes a token as compact JSON, known fields in the AWS CLI's order, then the unknown ones. */
    static byte[] encode(SsoToken token) {
        JsonWriter writer = JsonWriter.create();
        writer.writeStartObject();
        writeIfPresent(writer, START_URL, token.startUrl());
        writeIfPresent(writer, REGION, token.region());
        writeIfPresent(writer, ACCESS_TOKEN, token.accessToken());
        writeIfPresent(writer, EXPIRES_AT, CacheTimestamps.format(token.expiresAt()));
        writeIfPresent(writer, CLIENT_ID, token.clientId());
        writeIfPresent(writer, CLIENT_SECRET, token.clientSecret());
        if (token.registrationExpiresAt() != null) {
            writeIfPresent(writer, REGISTRATION_EXPIRES_AT, CacheTimestamps.format(token.registrationExpiresAt()));
        }
        writeIfPresent(writer, REFRESH_TOKEN, token.refreshToken());
        token.otherFields().forEach((name, value) -> {
            writer.writeFieldName(name);
            JsonValues.writePlainValue(writer, value);
        });
        writer.writeEndObject();
        return writer.getBytes();
    }

    private static String requiredString(Map<String, JsonNode> fields, String name) {
        String value = optionalString(fields, name);
        if (value == null || value.isBlank()) {
            throw new InvalidTokenFileException("the required field '" + name + "' is missing");
        }
        return value;
    }

    private static @Nullable String optionalString(Map<String, JsonNode> fields, String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidTokenFileException("the field '" + name + "' is not a string");
        }
        return node.asString();
    }

    private static Instant requiredInstant(Map<String, JsonNode> fields, String name) {
        return parseInstant(name, requiredString(fields, name));
    }

    private static @Nullable Instant optionalInstant(Map<String, JsonNode> fields, String name) {
        String text = optionalString(fields, name);
        return (text != null) ? parseInstant(name, text) : null;
    }

    private static Instant parseInstant(String name, String text) {
        try {
            return CacheTimestamps.parse(text);
        }
        catch (DateTimeParseException ex) {
            throw new InvalidTokenFileException("the field '" + name + "' is not a date such as 2026-01-01T00:00:00Z");
        }
    }

    private static void writeIfPresent(JsonWriter writer, String name, @Nullable String value) {
        if (value != null) {
            writer.writeFieldName(name);
            writer.writeValue(value);
        }
    }

    /** The content of a cache file is not a usable token. The message names the problem, never a value. */
    static final class InvalidTokenFileException extends RuntimeException {

        InvalidTokenFileException(String message) {
            super(message);
        }
    }
}
