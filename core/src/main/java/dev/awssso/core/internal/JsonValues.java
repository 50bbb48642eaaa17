package dev.awssso.core.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * JSON values of cache files as plain Java values ({@code String}, {@code BigDecimal}, {@code Boolean}, {@code List},
 * {@code Map} or {@code null}), so that fields a reader does not know are written back unchanged.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** The plain value of {@code node}. */
    public static @Nullable Object toPlainValue(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return new BigDecimal(node.asNumber());
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<@Nullable Object> values = new ArrayList<>();
            node.asArray().forEach((element) -> values.add(toPlainValue(element)));
            return values;
        }
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        node.asObject().forEach((name, value) -> values.put(name, toPlainValue(value)));
        return values;
    }

    /** Writes a plain value as {@link #toPlainValue} makes them. */
    @SuppressWarnings("unchecked")
    public static void writePlainValue(JsonWriter writer, @Nullable Object value) {
        if (value == null) {
            writer.writeNull();
        }
        else if (value instanceof String text) {
            writer.writeValue(text);
        }
        else if (value instanceof BigDecimal number) {
            writer.writeNumber(number.toString());
        }
        else if (value instanceof Boolean flag) {
            writer.writeValue(flag);
        }
        else if (value instanceof List<?> list) {
            writer.writeStartArray();
            list.forEach((element) -> writePlainValue(writer, element));
            writer.writeEndArray();
        }
        else {
            writer.writeStartObject();
            ((Map<String, Object>) value).forEach((name, element) -> {
                writer.writeFieldName(name);
                writePlainValue(writer, element);
            });
            writer.writeEndObject();
        }
    }
}
