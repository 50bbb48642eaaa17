package dev.awssso.core.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps of the token cache: read leniently (every form the AWS CLI, botocore and the SDKs have written),
 * written as the AWS CLI writes them.
 */
public final class CacheTimestamps {

    private static final DateTimeFormatter CLI_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
        .withZone(ZoneOffset.UTC);

    private CacheTimestamps() {
    }

    /**
     * Parses {@code 2026-01-01T00:00:00Z}, with fractions ({@code .123Z}, {@code .123456789Z}), with an offset
     * ({@code +00:00}, {@code -08:00}) or with the {@code UTC} suffix of older CLI versions.
     * @throws DateTimeParseException when the text is in none of these forms
     */
    public static Instant parse(String text) {
        String value = text.trim();
        if (value.endsWith("UTC")) {
            value = value.substring(0, value.length() - 3).trim() + "Z";
        }
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** Formats as {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, whole seconds. */
    public static String format(Instant instant) {
        return CLI_FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
