package dev.awssso.core.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CacheTimestampsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z", "2026-01-01T00:00:00UTC, 2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.123Z, 2026-01-01T00:00:00.123Z",
            "2026-01-01T00:00:00.123456789Z, 2026-01-01T00:00:00.123456789Z",
            "2026-01-01T00:00:00+00:00, 2026-01-01T00:00:00Z", "2026-01-01T15:00:06-08:00, 2026-01-01T23:00:06Z",
            "2026-01-01T00:00Z, 2026-01-01T00:00:00Z" })
    void readsEveryFormatWrittenByTheCliAndTheSdks(String text, String expected) {
        assertThat(CacheTimestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "2026-01-01T00:00:00+0000, 2026-01-01T00:00:00Z", "2026-01-01T15:00:06-0800, 2026-01-01T23:00:06Z",
            "2026-01-01T00:00:00.5+0000, 2026-01-01T00:00:00.5Z", "2026-01-01 00:00:00Z, 2026-01-01T00:00:00Z",
            "2026-01-01 00:00:00+00:00, 2026-01-01T00:00:00Z", "2026-01-01 02:00:00+0200, 2026-01-01T00:00:00Z",
            "2026-01-01 00:00:00UTC, 2026-01-01T00:00:00Z" })
    void readsTheFormsBotocoreAcceptsWithoutAColonInTheOffsetOrWithASpaceForTheT(String text, String expected) {
        assertThat(CacheTimestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "tomorrow", "2026-01-01", "2026-01-01T00:00:00", "1767225600", "2026-01-01 00:00:00",
            "2026-01-01  00:00:00Z", "2026-01-01T00:00:00+000" })
    void rejectsTextThatIsNoTimestamp(String text) {
        assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> CacheTimestamps.parse(text));
    }

    @Test
    void writesWholeSecondsInUtcAsTheCliDoes() {
        assertThat(CacheTimestamps.format(Instant.parse("2026-03-04T05:06:07.891Z"))).isEqualTo("2026-03-04T05:06:07Z");
    }
}
