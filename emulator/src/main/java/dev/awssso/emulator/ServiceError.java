package dev.awssso.emulator;

/**
 * A modeled service error, thrown by an operation handler and sent in the operation's {@link Dialect}. The
 * message is sent to the client and must hold no secret.
 */
final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private final String errorType;

    ServiceError(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return this.status;
    }

    String errorType() {
        return this.errorType;
    }

}
