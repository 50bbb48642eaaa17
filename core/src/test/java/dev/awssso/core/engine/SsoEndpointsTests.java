package dev.awssso.core.engine;

import java.net.URI;
import java.nio.file.Path;

import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Endpoint overrides never send tokens or secrets in clear text to another machine. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class SsoEndpointsTests {

    @TempDir
    Path cacheDir;

    @Test
    void acceptsHttpsAndHttpOnThisMachine() {
        assertThat(new SsoEndpoints(URI.create("https://oidc.example"), URI.create("http://localhost:8080"),
                URI.create("http://127.0.0.1:9000")).cleartextProblems()).isEmpty();
        assertThat(SsoEndpoints.all(URI.create("http://[::1]:4566")).cleartextProblems()).isEmpty();
        assertThat(SsoEndpoints.DEFAULT.cleartextProblems()).isEmpty();
    }

    @Test
    void refusesPlainHttpToAnotherMachineAtStartUpWithTheFix(IdentityCenterEmulator emulator) {
        SsoEndpoints endpoints = new SsoEndpoints(URI.create("http://sso.internal.example:8080"),
                emulator.endpoint(), URI.create("http://127.0.0.1.example"));
        assertThatExceptionOfType(SsoConfigurationException.class)
            .isThrownBy(() -> SsoEngine.start(EngineFixture.settings(emulator),
                    EngineFixture.options(emulator, this.cacheDir).endpoints(endpoints).build()))
            .satisfies((ex) -> assertThat(ex.problems()).hasSize(2).first().satisfies((problem) -> {
                assertThat(problem.description()).contains("aws.sso.endpoint.oidc", "clear text");
                assertThat(problem.action()).contains("https://sso.internal.example:8080");
            }));
    }
}
