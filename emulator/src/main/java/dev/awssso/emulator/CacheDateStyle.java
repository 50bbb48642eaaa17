package dev.awssso.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How dates are written into a token cache file; each style is one that a real tool writes.
 */
public enum CacheDateStyle {

    /** {@code 2026-01-01T00:00:00Z}: AWS CLI v2 {@code aws sso login} and botocore. */
    CLI("uuuu-MM-dd'T'HH:mm:ss'Z'"),

    /** {@code 2026-01-01T00:00:00UTC}: older AWS CLI versions. */
    UTC_SUFFIX("uuuu-MM-dd'T'HH:mm:ss'UTC'"),

    /** {@code 2026-01-01T00:00:00.123456789Z}: the AWS SDK for Java v2 ({@code ISO_INSTANT}, with nanoseconds). */
    FRACTIONAL("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'"),

    /** {@code 2026-01-01T00:00:00.123Z}: the AWS SDK for JavaScript v3 ({@code Date.toISOString()}). */
    MILLIS("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'"),

    /** {@code 2026-01-01T00:00:00+00:00}: a UTC offset instead of {@code Z}. */
    OFFSET("uuuu-MM-dd'T'HH:mm:ss'+00:00'");

    private final DateTimeFormatter formatter;

    CacheDateStyle(String pattern) {
        this.formatter = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
    }

    String format(Instant instant) {
        return this.formatter.format(instant);
    }

}
