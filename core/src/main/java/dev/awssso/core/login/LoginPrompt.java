package dev.awssso.core.login;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the user must do to complete a sign-in: open {@code url} and, for the device code flow, confirm
 * {@code userCode}. Holds nothing secret.
 *
 * @param flow the sign-in flow
 * @param url the page to open in a browser
 * @param userCode the code to confirm on that page (device code flow), or {@code null}
 * @param expiresAt when the sign-in gives up waiting
 */
public record LoginPrompt(LoginFlow flow, URI url, @Nullable String userCode, Instant expiresAt) {

    /** One line telling the user what to do. */
    public String instructions() {
        return (this.userCode != null)
                ? "Open " + this.url + " and confirm the code " + this.userCode + " before " + this.expiresAt + "."
                : "Open " + this.url + " in a browser on this machine and approve before " + this.expiresAt + ".";
    }
}
