package dev.awssso.boot.endpoint;

import dev.awssso.boot.endpoint.AwsSsoEndpoint.ActionResult;
import dev.awssso.boot.endpoint.AwsSsoEndpoint.Failure;
import dev.awssso.boot.endpoint.AwsSsoEndpoint.NotConfiguredException;
import dev.awssso.boot.endpoint.AwsSsoEndpoint.Outcome;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.account.AccountPage;
import dev.awssso.core.account.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The status codes of the {@code awssso} endpoint over HTTP, for scripts to rely on: 409 while nobody is signed in
 * (or the session ended), 403 where the role is denied, 503 while AWS cannot be reached, 502 where the call to AWS
 * or the sign-in failed, 501 without the module a detail needs, 404 where IAM Identity Center is not configured,
 * 400 for an unknown role, action or flow (as Spring Boot answers an invalid request). The body says what happened
 * and what to do. The details answer one of three types, whose reflection hints they declare.
 */
@EndpointWebExtension(endpoint = AwsSsoEndpoint.class)
public class AwsSsoEndpointWebExtension {

    private static final int STATUS_CONFLICT = 409;

    private static final int STATUS_FORBIDDEN = 403;

    private static final int STATUS_BAD_GATEWAY = 502;

    private static final int STATUS_NOT_IMPLEMENTED = 501;

    private final AwsSsoEndpoint delegate;

    public AwsSsoEndpointWebExtension(AwsSsoEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * The identity or the accounts, as {@link AwsSsoEndpoint#detail}, with the status code of what happened.
     * @param role for {@code identity}: the name of a role of {@code aws.sso.roles}; the default role when absent
     * @param page for {@code accounts}: the number of the page, from 0; 0 when absent
     * @param size for {@code accounts}: the most accounts on a page; every account on one page when absent
     */
    @ReadOperation
    @RegisterReflectionForBinding({ CallerIdentity.class, AccountPage.class, Failure.class })
    @SuppressWarnings("deprecation") // Spring's @Nullable: the only mark of an optional parameter Spring Boot 3 reads
    public WebEndpointResponse<Object> detail(@Selector String detail,
            @org.springframework.lang.Nullable @Nullable String role,
            @org.springframework.lang.Nullable @Nullable Integer page,
            @org.springframework.lang.Nullable @Nullable Integer size) {
        try {
            Object answer = this.delegate.detail(detail, role, page, size);
            return (answer != null) ? new WebEndpointResponse<>(answer)
                    : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        catch (SsoSessionException ex) {
            return new WebEndpointResponse<>(new Failure(ex.getMessage()), statusCode(Outcome.of(ex.reason())));
        }
        catch (SdkException ex) {
            return new WebEndpointResponse<>(new Failure("The call to AWS failed: " + ex.getClass().getSimpleName()),
                    STATUS_BAD_GATEWAY);
        }
        catch (UnsupportedOperationException ex) {
            return new WebEndpointResponse<>(new Failure(ex.getMessage()), STATUS_NOT_IMPLEMENTED);
        }
        catch (NotConfiguredException ex) {
            return new WebEndpointResponse<>(new Failure(ex.getMessage()), WebEndpointResponse.STATUS_NOT_FOUND);
        }
        catch (InvalidEndpointRequestException ex) {
            return new WebEndpointResponse<>(new Failure(ex.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    /**
     * Runs an action as {@link AwsSsoEndpoint#action}, with the status code of its outcome.
     * @param flow for {@code login}: {@code pkce} or {@code device-code}; the configured flow when absent
     * @param newSession for {@code login}: sign out first so that a new Identity Center session starts
     */
    @WriteOperation
    @SuppressWarnings("deprecation") // Spring's @Nullable: the only mark of an optional parameter Spring Boot 3 reads
    public WebEndpointResponse<ActionResult> action(@Selector String action,
            @org.springframework.lang.Nullable @Nullable String flow,
            @org.springframework.lang.Nullable @Nullable Boolean newSession) {
        ActionResult result = this.delegate.action(action, flow, newSession);
        return new WebEndpointResponse<>(result, statusCode(result.outcome()));
    }

    private static int statusCode(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> WebEndpointResponse.STATUS_OK;
            case REFUSED, NOT_SIGNED_IN -> STATUS_CONFLICT;
            case DENIED -> STATUS_FORBIDDEN;
            case UNAVAILABLE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
            case FAILED -> STATUS_BAD_GATEWAY;
            case NOT_CONFIGURED -> WebEndpointResponse.STATUS_NOT_FOUND;
        };
    }
}
