package dev.awssso.core.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Timestamps of the token cache: read leniently (every form the AWS CLI, botocore and the SDKs have written),
 * written as the AWS CLI writes them.
 */
public final class CacheTimestamps {

    private static final DateTimeFormatter CLI_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
        .withZone(ZoneOffset.UTC);

    /** An offset without its colon ({@code +0000}, {@code -0800}) at the end of the text. */
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private static final int DATE_LENGTH = "2026-01-01".length();

    private CacheTimestamps() {
    }

    /**
     * Parses {@code 2026-01-01T00:00:00Z}, with fractions ({@code .123Z}, {@code .123456789Z}), with an offset
     * ({@code +00:00}, {@code -08:00}, or without the colon as botocore accepts: {@code +0000}), with the
     * {@code UTC} suffix of older CLI versions, and with a space instead of the {@code T}.
     * @throws DateTimeParseException when the text is in none of these forms
     */
    public static Instant parse(String text) {
        String value = text.trim();
        if (value.endsWith("UTC")) {
            value = value.substring(0, value.length() - 3).trim() + "Z";
        }
        if (value.length() > DATE_LENGTH && value.charAt(DATE_LENGTH) == ' ') {
            value = value.substring(0, DATE_LENGTH) + "T" + value.substring(DATE_LENGTH + 1);
        }
        value = OFFSET_WITHOUT_COLON.matcher(value).replaceFirst("$1:$2");
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** Formats as {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, whole seconds. */
    public static String format(Instant instant) {
        return CLI_FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
