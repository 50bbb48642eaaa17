package dev.awssso.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base for tests that talk to a fresh emulator through the real SDK clients, with a session signed in as
 * {@code aws sso login --sso-session my-sso} would.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
abstract class SignedInTests {

    IdentityCenterEmulator emulator;

    SdkClients clients;

    EmulatedSession session;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.clients = new SdkClients(emulator);
        this.session = emulator.signIn("my-sso");
    }

    @AfterEach
    void closeClients() {
        this.clients.close();
    }

}
