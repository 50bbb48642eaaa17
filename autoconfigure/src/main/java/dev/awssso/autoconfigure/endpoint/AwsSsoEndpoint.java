package dev.awssso.autoconfigure.endpoint;

import java.util.function.Supplier;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code awssso} actuator endpoint: the session status ({@code GET /actuator/awssso}), the caller identity
 * ({@code GET /actuator/awssso/identity}), the accounts and roles of the signed-in user
 * ({@code GET /actuator/awssso/accounts}), and a refresh ({@code POST /actuator/awssso/refresh}, only when
 * {@code management.endpoint.awssso.access=unrestricted}). Never shows a secret.
 */
@Endpoint(id = "awssso", defaultAccess = Access.READ_ONLY)
public class AwsSsoEndpoint {

    private static final String IDENTITY = "identity";

    private static final String ACCOUNTS = "accounts";

    private static final String REFRESH = "refresh";

    private final SsoEngine engine;

    private final @Nullable CallerIdentityLookup identityLookup;

    /**
     * @param identityLookup STS look-up of the caller identity, or {@code null} without the SDK's sts module
     */
    public AwsSsoEndpoint(SsoEngine engine, @Nullable CallerIdentityLookup identityLookup) {
        this.engine = engine;
        this.identityLookup = identityLookup;
    }

    /** The session status. */
    @ReadOperation
    public SessionStatus status() {
        return this.engine.status();
    }

    /** The caller identity ({@code identity}) or the accounts and roles ({@code accounts}). */
    @ReadOperation
    public @Nullable Object detail(@Selector String detail) {
        return switch (detail) {
            case IDENTITY -> identity();
            case ACCOUNTS -> answer(() -> this.engine.accounts().accounts());
            default -> null;
        };
    }

    /** Refreshes the token and the credentials now ({@code refresh}). */
    @WriteOperation
    public ActionResult action(@Selector String action) {
        if (!REFRESH.equals(action)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "': the action is refresh",
                    "Unknown action");
        }
        try {
            this.engine.refreshNow();
            return new ActionResult(REFRESH, true, "Refreshed.", this.engine.status());
        }
        catch (SdkException ex) {
            return new ActionResult(REFRESH, false, ex.getMessage(), this.engine.status());
        }
    }

    private Object identity() {
        if (this.identityLookup == null) {
            return new Failure("The caller identity needs the AWS SDK's STS module:"
                    + " add software.amazon.awssdk:sts to the application.");
        }
        return answer(this.identityLookup::lookUp);
    }

    private static Object answer(Supplier<?> call) {
        try {
            return call.get();
        }
        catch (SsoSessionException ex) {
            return new Failure(ex.getMessage());
        }
        catch (SdkException ex) {
            return new Failure("The call to AWS failed: " + ex.getClass().getSimpleName());
        }
    }

    /**
     * The outcome of a write operation.
     *
     * @param action the operation
     * @param succeeded whether it succeeded
     * @param message what happened
     * @param status the session status afterwards
     */
    public record ActionResult(String action, boolean succeeded, String message, SessionStatus status) {
    }

    /**
     * Why a read operation could not answer.
     *
     * @param error what went wrong and what to do
     */
    public record Failure(String error) {
    }
}
