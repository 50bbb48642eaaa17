package dev.awssso.boot.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.account.AccountDirectory;
import dev.awssso.core.account.AccountPage;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.login.LoginPrompt;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code awssso} actuator endpoint: the session status with every role, the default role first
 * ({@code GET /actuator/awssso}), the caller identity of the default role or of another
 * ({@code GET /actuator/awssso/identity?role=NAME}), the accounts and roles of the signed-in user
 * ({@code GET /actuator/awssso/accounts}), and the actions {@code POST /actuator/awssso/refresh},
 * {@code /login}, {@code /logout} and {@code /cancel}, which need
 * {@code management.endpoint.awssso.access=unrestricted} and may be posted bare ({@code curl -X POST URL}).
 * Over HTTP, the filters of {@code dev.awssso.autoconfigure.web} guard them, and {@link AwsSsoEndpointWebExtension}
 * gives every answer its status code. Never shows a secret. Where IAM Identity Center is not configured (an
 * AOT-processed application that finds no SSO configuration where it runs, see {@link AwsSsoService}), the status
 * has the state {@value StatusDescriptor#NOT_CONFIGURED} and the rest is refused.
 * <p>
 * The status and the actions answer one type each, whose reflection hints Spring Boot registers; the details,
 * which answer one of two types, declare theirs.
 */
@Endpoint(id = "awssso", defaultAccess = Access.READ_ONLY)
public class AwsSsoEndpoint {

    private static final Logger logger = LoggerFactory.getLogger(AwsSsoEndpoint.class);

    private static final String IDENTITY = "identity";

    private static final String ACCOUNTS = "accounts";

    private static final String REFRESH = "refresh";

    /** The page size when only a page number is given. */
    private static final int DEFAULT_PAGE_SIZE = 100;

    private static final String LOGIN = "login";

    private static final String LOGOUT = "logout";

    private static final String CANCEL = "cancel";

    private final AwsSsoService service;

    private final @Nullable RoleIdentityLookups identityLookups;

    private final LoginFlow defaultFlow;

    /**
     * @param service IAM Identity Center, whose engine and roles the endpoint reads and acts on
     * @param identityLookups STS look-ups of the caller identity of each role, or {@code null} without the SDK's
     *     sts module
     * @param defaultFlow the sign-in flow used when a login request names none
     */
    public AwsSsoEndpoint(AwsSsoService service, @Nullable RoleIdentityLookups identityLookups,
            LoginFlow defaultFlow) {
        this.service = service;
        this.identityLookups = identityLookups;
        this.defaultFlow = defaultFlow;
    }

    /** The session status with every role; the state {@value StatusDescriptor#NOT_CONFIGURED} where not configured. */
    @ReadOperation
    public StatusDescriptor status() {
        if (!this.service.isConfigured()) {
            return StatusDescriptor.notConfigured(Instant.now());
        }
        return status(this.service.engine());
    }

    private StatusDescriptor status(SsoEngine engine) {
        return StatusDescriptor.of(engine.status(), this.service.roles().statuses());
    }

    /**
     * The caller identity ({@code identity}) of the default role, or of the role named by {@code role}; or the
     * accounts and roles ({@code accounts}), all of them or one page, with the accounts whose roles could not be
     * listed ({@link AccountPage}).
     * @param role for {@code identity}: the name of a role of {@code aws.sso.roles}; the default role when absent
     * @param page for {@code accounts}: the number of the page, from 0; 0 when absent
     * @param size for {@code accounts}: the most accounts on a page; every account on one page when absent
     * @throws InvalidEndpointRequestException for a role of another name, or a page number or size out of range
     * @throws SsoSessionException when the sign-in cannot answer (signed out, ended, denied, unreachable)
     * @throws SdkException when the call to AWS failed
     * @throws UnsupportedOperationException for the identity, without the AWS SDK's STS module
     * @throws NotConfiguredException where IAM Identity Center is not configured
     */
    @ReadOperation
    @RegisterReflectionForBinding({ CallerIdentity.class, AccountPage.class })
    @SuppressWarnings("deprecation") // Spring's @Nullable: the only mark of an optional parameter Spring Boot 3 reads
    public @Nullable Object detail(@Selector String detail, @org.springframework.lang.Nullable @Nullable String role,
            @org.springframework.lang.Nullable @Nullable Integer page,
            @org.springframework.lang.Nullable @Nullable Integer size) {
        if (!detail.equals(IDENTITY) && !detail.equals(ACCOUNTS)) {
            return null;
        }
        SsoEngine current = configuredEngine();
        return switch (detail) {
            case IDENTITY -> identity((role != null && !role.isBlank()) ? role.trim() : NamedRole.DEFAULT_NAME);
            default -> accounts(current.accounts(), page, size);
        };
    }

    /**
     * Runs an action: {@code refresh} (token and credentials now), {@code login} (starts a sign-in, or returns
     * the pending one; the answer's status carries the URL to open and, for the device code flow, the code),
     * {@code logout} (ends the session and removes its token file) or {@code cancel} (stops a pending sign-in).
     * The answer says whether the action succeeded; one that failed or was refused is logged. Where IAM Identity
     * Center is not configured, every action answers {@link Outcome#NOT_CONFIGURED}.
     * @param flow for {@code login}: {@code pkce} or {@code device-code}; the configured flow when absent
     * @param newSession for {@code login}: sign out first so that a new Identity Center session starts
     * @throws InvalidEndpointRequestException for an unknown action or flow
     */
    @WriteOperation
    @SuppressWarnings("deprecation") // Spring's @Nullable: the only mark of an optional parameter Spring Boot 3 reads
    public ActionResult action(@Selector String action, @org.springframework.lang.Nullable @Nullable String flow,
            @org.springframework.lang.Nullable @Nullable Boolean newSession) {
        if (!this.service.isConfigured()) {
            logger.warn("The awssso actuator action '{}' was refused: {}", action, AwsSsoService.NOT_CONFIGURED);
            return new ActionResult(action, false, Outcome.NOT_CONFIGURED, AwsSsoService.NOT_CONFIGURED,
                    StatusDescriptor.notConfigured(Instant.now()), null);
        }
        SsoEngine current = this.service.engine();
        try {
            return switch (action) {
                case REFRESH -> {
                    current.refreshNow();
                    yield result(current, action, Outcome.SUCCEEDED, "Refreshed.");
                }
                case LOGIN -> {
                    LoginAttempt attempt = current.login().start(loginFlow(flow), Boolean.TRUE.equals(newSession));
                    LoginPrompt prompt = attempt.prompt();
                    yield new ActionResult(action, true, Outcome.SUCCEEDED, prompt.instructions(), status(current),
                            new SignIn(prompt.flow().name(), prompt.url().toString(), prompt.userCode(),
                                    prompt.expiresAt()));
                }
                case LOGOUT -> result(current, action, Outcome.SUCCEEDED,
                        current.login().signOut() ? "Signed out." : "Nobody was signed in.");
                case CANCEL -> {
                    boolean pending = current.login().pending().map((attempt) -> {
                        attempt.cancel();
                        return true;
                    }).orElse(false);
                    yield pending ? result(current, action, Outcome.SUCCEEDED, "Sign-in cancelled.")
                            : failed(current, action, Outcome.REFUSED, "No sign-in was pending.");
                }
                default -> throw new InvalidEndpointRequestException("Unknown action '" + action
                        + "': the actions are refresh, login, logout and cancel", "Unknown action");
            };
        }
        catch (SsoSessionException ex) {
            return failed(current, action, Outcome.of(ex.reason()), ex.getMessage());
        }
        catch (LoginFailedException ex) {
            return failed(current, action, Outcome.FAILED, ex.getMessage());
        }
        catch (SdkException ex) {
            return failed(current, action, Outcome.FAILED, "The call to AWS failed: " + ex.getClass().getSimpleName()
                    + ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : ""));
        }
    }

    private SsoEngine configuredEngine() {
        if (!this.service.isConfigured()) {
            throw new NotConfiguredException(AwsSsoService.NOT_CONFIGURED);
        }
        return this.service.engine();
    }

    private ActionResult result(SsoEngine engine, String action, Outcome outcome, String message) {
        return new ActionResult(action, outcome == Outcome.SUCCEEDED, outcome, message, status(engine), null);
    }

    private ActionResult failed(SsoEngine engine, String action, Outcome outcome, String message) {
        logger.warn("The awssso actuator action '{}' did not succeed ({}): {}", action, outcome, message);
        return result(engine, action, outcome, message);
    }

    private LoginFlow loginFlow(@Nullable String flow) {
        if (flow == null || flow.isBlank()) {
            return this.defaultFlow;
        }
        String normalized = flow.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return LoginFlow.valueOf(normalized);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException("Unknown sign-in flow '" + flow + "': use pkce or device-code",
                    "Unknown sign-in flow");
        }
    }

    private CallerIdentity identity(String role) {
        List<String> names = this.service.roles().names();
        if (!names.contains(role)) {
            throw new InvalidEndpointRequestException("Unknown role '" + role + "': the roles are "
                    + String.join(", ", names) + " (aws.sso.roles)", "Unknown role");
        }
        RoleIdentityLookups lookups = this.identityLookups;
        if (lookups == null) {
            throw new UnsupportedOperationException("The caller identity needs the AWS SDK's STS module:"
                    + " add software.amazon.awssdk:sts to the application.");
        }
        return lookups.lookUp(role);
    }

    private static AccountPage accounts(AccountDirectory accounts, @Nullable Integer page, @Nullable Integer size) {
        if (page == null && size == null) {
            return accounts.all();
        }
        try {
            return accounts.page((page != null) ? page : 0, (size != null) ? size : DEFAULT_PAGE_SIZE);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage() + ": use page=0 or more and size=1 or more",
                    "Invalid page");
        }
    }

    /** How an action ended, which its HTTP status code tells too. */
    public enum Outcome {

        /** It did what it was asked. */
        SUCCEEDED,

        /** There was nothing to do it on (no sign-in pending to cancel). */
        REFUSED,

        /** Nobody is signed in, or the session ended or cannot be read: sign in first. */
        NOT_SIGNED_IN,

        /** IAM Identity Center does not let the user use the role. */
        DENIED,

        /** AWS could not be reached or failed to answer; retried in the background. */
        UNAVAILABLE,

        /** The call to AWS or the sign-in failed. */
        FAILED,

        /** IAM Identity Center is not configured where the application runs: there is nothing to act on. */
        NOT_CONFIGURED;

        static Outcome of(SsoSessionException.Reason reason) {
            return switch (reason) {
                case SIGNED_OUT, SESSION_ENDED, TOKEN_CACHE_UNREADABLE -> NOT_SIGNED_IN;
                case ACCESS_DENIED -> DENIED;
                case UNAVAILABLE, CLOSED -> UNAVAILABLE;
            };
        }
    }

    /** IAM Identity Center is not configured where the application runs: there is nothing to read or act on. */
    public static final class NotConfiguredException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotConfiguredException(String message) {
            super(message);
        }
    }

    /**
     * The outcome of a write operation.
     *
     * @param action the operation
     * @param succeeded whether it succeeded
     * @param outcome how it ended
     * @param message what happened
     * @param status the status afterwards, with every role
     * @param signIn for {@code login}: the page to open and the code to confirm, which only this answer carries
     */
    public record ActionResult(String action, boolean succeeded, Outcome outcome, String message,
            StatusDescriptor status, @Nullable SignIn signIn) {
    }

    /**
     * What the caller that started a sign-in needs to complete it.
     *
     * @param flow {@code PKCE} or {@code DEVICE_CODE}
     * @param url the page to open: the authorize page (PKCE) or the page where the code is confirmed
     * @param userCode the code to confirm (device code flow), or {@code null}
     * @param expiresAt when the sign-in stops waiting
     */
    public record SignIn(String flow, String url, @Nullable String userCode, Instant expiresAt) {
    }

    /**
     * The status of the {@code awssso} endpoint: the fields of {@link SessionStatus}, then every role. The default
     * role comes first, with its account and role, the role assumed, its credentials' expiry, next and last refresh,
     * its state and what to do next. Where IAM Identity Center is not configured, the state is
     * {@value #NOT_CONFIGURED}, the next action says so, the sections of the sign-in are {@code null} and there is no
     * role. Holds no secret.
     *
     * @param state where the sign-in stands: a {@link SessionState} name, or {@value #NOT_CONFIGURED}
     * @param nextAction what the user should do next
     * @param warnings things that need attention
     * @param at when the status was taken
     * @param identity the configured sign-in and default role, {@code null} where not configured
     * @param token the access token, {@code null} where not configured
     * @param credentials the default role's credentials, {@code null} where not configured
     * @param session the Identity Center session, {@code null} where not configured
     * @param login the last sign-in started from the application, unless it succeeded
     * @param roles every role, the default role first; none where not configured
     */
    public record StatusDescriptor(String state, String nextAction, List<String> warnings, Instant at,
            SessionStatus.@Nullable Identity identity, SessionStatus.@Nullable Token token,
            SessionStatus.@Nullable Credentials credentials, SessionStatus.@Nullable Session session,
            SessionStatus.@Nullable Login login, List<RoleStatus> roles) {

        /** The state where IAM Identity Center is not configured. */
        public static final String NOT_CONFIGURED = "NOT_CONFIGURED";

        public StatusDescriptor {
            warnings = List.copyOf(warnings);
            roles = List.copyOf(roles);
        }

        /** The status of {@code status}'s sign-in with {@code roles}. */
        static StatusDescriptor of(SessionStatus status, List<RoleStatus> roles) {
            return new StatusDescriptor(status.state().name(), status.nextAction(), status.warnings(), status.at(),
                    status.identity(), status.token(), status.credentials(), status.session(), status.login(), roles);
        }

        /** The status where IAM Identity Center is not configured, taken {@code at}. */
        static StatusDescriptor notConfigured(Instant at) {
            return new StatusDescriptor(NOT_CONFIGURED, AwsSsoService.NOT_CONFIGURED + "; to sign in to IAM Identity"
                    + " Center, configure aws.sso.* or an AWS profile where the application runs.", List.of(), at,
                    null, null, null, null, null, List.of());
        }

        /** Whether IAM Identity Center is configured: the state is not {@value #NOT_CONFIGURED}. */
        public boolean configured() {
            return !NOT_CONFIGURED.equals(this.state);
        }
    }

    /**
     * Why a read operation could not answer.
     *
     * @param error what went wrong and what to do
     */
    public record Failure(String error) {
    }
}
