package dev.awssso.boot.endpoint;

import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.LoginSessionStatus;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code awssso} actuator endpoint of an {@code aws login} session: its status ({@code GET /actuator/awssso})
 * and the action {@code POST /actuator/awssso/refresh}, which needs
 * {@code management.endpoint.awssso.access=unrestricted}. Sign-in and sign-out are the AWS CLI's
 * ({@code aws login}, {@code aws logout}); the status names the command. Never shows a secret.
 */
@Endpoint(id = "awssso", defaultAccess = Access.READ_ONLY)
public class AwsLoginSessionEndpoint {

    private static final String REFRESH = "refresh";

    private final LoginSessionEngine engine;

    /** @param engine the engine of the session the endpoint reads and refreshes */
    public AwsLoginSessionEndpoint(LoginSessionEngine engine) {
        this.engine = engine;
    }

    /** The session's status. */
    @ReadOperation
    public LoginSessionStatus status() {
        return this.engine.status();
    }

    /**
     * Refreshes the session's credentials now ({@code refresh}).
     * @return the status afterwards
     * @throws InvalidEndpointRequestException for another action, naming the AWS CLI command that does it
     */
    @WriteOperation
    public LoginSessionStatus action(@Selector String action) {
        if (!REFRESH.equals(action)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "' of an aws login session:"
                    + " only 'refresh' is an action here; sign in and out with `"
                    + this.engine.settings().signInCommand() + "` and `aws logout`.", "unknown action");
        }
        return this.engine.refreshNow();
    }
}
