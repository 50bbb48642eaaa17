package dev.awssso.sample.session;

import java.util.Locale;

import dev.awssso.core.login.LoginFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/sign-in}.
 *
 * @param flow {@code pkce} or {@code device-code}; the configured flow when absent
 */
public record SignInRequest(@Nullable String flow) {

    /**
     * The flow asked for, else {@code configured}.
     * @throws ResponseStatusException (400) for an unknown flow
     */
    LoginFlow flowOr(LoginFlow configured) {
        if (this.flow == null || this.flow.isBlank()) {
            return configured;
        }
        try {
            return LoginFlow.valueOf(this.flow.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Unknown sign-in flow '" + this.flow + "': use pkce or device-code");
        }
    }
}
