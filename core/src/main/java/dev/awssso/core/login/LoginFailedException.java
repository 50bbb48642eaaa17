package dev.awssso.core.login;

/** A sign-in did not complete. The message says why and what to do; it holds no secret. */
public class LoginFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoginFailedException(String message) {
        super(message);
    }
}
