package dev.awssso.emulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IdentityCenterEmulatorExtension} registered programmatically.
 */
class IdentityCenterEmulatorExtensionTests {

    private static IdentityCenterEmulator lastEmulator;

    @RegisterExtension
    final IdentityCenterEmulatorExtension extension = new IdentityCenterEmulatorExtension();

    @Test
    void getReturnsTheEmulatorPassedToTheTest(IdentityCenterEmulator emulator) {
        assertThat(this.extension.get()).isSameAs(emulator);
        lastEmulator = emulator;
    }

    @AfterAll
    static void emulatorIsClosedAfterTheTest() {
        assertThat(lastEmulator).isNotNull();
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(lastEmulator.endpoint()).build(), BodyHandlers.discarding()))
            .isInstanceOf(ConnectException.class);
    }

}
