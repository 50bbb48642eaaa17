package dev.awssso.core.login;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The device code's verification page must be https, or http on this machine (the emulator). */
class VerificationPageTests {

    @Test
    void acceptsHttpsAndHttpOnThisMachine() {
        assertThat(DeviceCodeSignIn.verificationPage("https://device.sso.eu-west-1.amazonaws.com/?user_code=AB"))
            .isEqualTo(URI.create("https://device.sso.eu-west-1.amazonaws.com/?user_code=AB"));
        assertThat(DeviceCodeSignIn.verificationPage("http://127.0.0.1:4567/device")).hasScheme("http");
        assertThat(DeviceCodeSignIn.verificationPage("http://localhost:4567/device")).hasScheme("http");
    }

    @Test
    void stopsTheSignInWithAClearErrorForAnythingElse() {
        for (String page : new String[] { "http://evil.example/device", "javascript:alert(1)", "file:///etc/passwd",
                "https://bad host/\r\nforged", "http://127.0.0.1.evil.example/" }) {
            assertThatExceptionOfType(LoginFailedException.class).as(page)
                .isThrownBy(() -> DeviceCodeSignIn.verificationPage(page))
                .withMessageContaining("not an https URL")
                .withMessageNotContaining("\n")
                .withMessageNotContaining("\r");
        }
        assertThatExceptionOfType(LoginFailedException.class).isThrownBy(() -> DeviceCodeSignIn.verificationPage(null));
    }
}
