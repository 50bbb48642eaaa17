package dev.awssso.core.engine;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the level of the JDK's HTTP logger creates no logger that a user's level could be lost with. */
class SecretLoggersLevelTests {

    @Test
    void theLevelOfALoggerNobodyCreatedIsReadWithoutCreatingIt() {
        String name = "dev.awssso.test.unused." + System.nanoTime() + ".HttpURLConnection";

        assertThat(SecretLoggers.jdkLevel(name)).isEqualTo(Level.INFO);
        assertThat(LogManager.getLogManager().getLogger(name)).isNull();
    }

    @Test
    void theLevelOfAParentAppliesToALoggerNobodyCreated() {
        String parent = "dev.awssso.test.parent" + System.nanoTime();
        Logger held = Logger.getLogger(parent);
        held.setLevel(Level.FINE);

        assertThat(SecretLoggers.jdkLevel(parent + ".HttpURLConnection")).isEqualTo(Level.FINE);
        assertThat(LogManager.getLogManager().getLogger(parent + ".HttpURLConnection")).isNull();
        held.setLevel(null);
    }
}
