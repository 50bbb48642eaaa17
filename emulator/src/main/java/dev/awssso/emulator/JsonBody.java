package dev.awssso.emulator;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The JSON object of a rest-json or AWS JSON request body.
 */
final class JsonBody {

    private static final JsonNodeParser parser = JsonNodeParser.create();

    private final Map<String, JsonNode> fields;

    private JsonBody(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    /**
     * Parses a request body.
     * @throws ServiceError {@code InvalidRequestException} if the body is not a JSON object
     */
    static JsonBody parse(byte[] body) {
        JsonNode node;
        try {
            node = parser.parse(body);
        }
        catch (RuntimeException ex) {
            throw notAnObject();
        }
        if (!node.isObject()) {
            throw notAnObject();
        }
        return new JsonBody(node.asObject());
    }

    /**
     * A string member, or {@code null} if it is missing or not a string.
     */
    @Nullable String string(String name) {
        JsonNode value = this.fields.get(name);
        return (value != null && value.isString()) ? value.asString() : null;
    }

    /**
     * A boolean member, or {@code false} if it is missing or not a boolean.
     */
    boolean flag(String name) {
        JsonNode value = this.fields.get(name);
        return value != null && value.isBoolean() && value.asBoolean();
    }

    /**
     * A whole number member, or {@code null} if it is missing or {@code null}.
     * @throws ServiceError {@code InvalidRequestException} if it is something else
     */
    @Nullable Integer integer(String name) {
        JsonNode value = this.fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Integer.valueOf(value.asNumber());
        }
        catch (RuntimeException ex) {
            throw new ServiceError(400, "InvalidRequestException", name + " must be a whole number");
        }
    }

    /**
     * A member that is a list of objects, or an empty list if it is missing or {@code null}.
     * @throws ServiceError {@code InvalidRequestException} if it is something else
     */
    List<JsonBody> objects(String name) {
        JsonNode value = this.fields.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || !value.asArray().stream().allMatch(JsonNode::isObject)) {
            throw new ServiceError(400, "InvalidRequestException", name + " must be a list of objects");
        }
        return value.asArray().stream().map((element) -> new JsonBody(element.asObject())).toList();
    }

    /**
     * A member that is a list of strings, or an empty list if it is missing or {@code null}.
     * @throws ServiceError {@code InvalidRequestException} if it is something else
     */
    List<String> strings(String name) {
        JsonNode value = this.fields.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || !value.asArray().stream().allMatch(JsonNode::isString)) {
            throw new ServiceError(400, "InvalidRequestException", name + " must be a list of strings");
        }
        return value.asArray().stream().map(JsonNode::asString).toList();
    }

    private static ServiceError notAnObject() {
        return new ServiceError(400, "InvalidRequestException", "The request body is not a JSON object");
    }

}
