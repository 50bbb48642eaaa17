package dev.awssso.emulator;

import org.jspecify.annotations.Nullable;

/**
 * A modeled service error, thrown by an operation handler and sent in the operation's {@link Dialect}. The
 * message is sent to the client and must hold no secret.
 */
final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private final String errorType;

    private final @Nullable String code;

    ServiceError(int status, String errorType, String message) {
        this(status, errorType, null, message);
    }

    /**
     * An error whose shape carries a code of its own, such as the OAuth 2.0 error of AWS Sign-In.
     * @param code the code within the error shape, or {@code null} for the dialect's default
     */
    ServiceError(int status, String errorType, @Nullable String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
        this.code = code;
    }

    int status() {
        return this.status;
    }

    String errorType() {
        return this.errorType;
    }

    @Nullable String code() {
        return this.code;
    }

}
