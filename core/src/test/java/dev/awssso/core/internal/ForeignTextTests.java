package dev.awssso.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForeignTextTests {

    @Test
    void keepsOrdinaryText() {
        String ordinary = "access_denied: User cancelled — ça va";
        assertThat(ForeignText.of(ordinary)).isEqualTo(ordinary);
    }

    @Test
    void turnsControlCharactersAndLineSeparatorsIntoSpaces() {
        assertThat(ForeignText.of("denied\r\n2026-11-30 INFO forged\u0000\u001b[31m\u2028\u2029\u202e"))
            .isEqualTo("denied  2026-11-30 INFO forged  [31m   ");
    }

    @Test
    void cutsLongText() {
        assertThat(ForeignText.of("x".repeat(1000))).hasSize(301).endsWith("…");
    }
}
