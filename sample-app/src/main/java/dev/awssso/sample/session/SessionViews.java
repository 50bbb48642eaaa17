package dev.awssso.sample.session;

import java.util.ArrayList;
import java.util.List;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.sample.CallerIdentity;
import dev.awssso.sample.IdentityService;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shapes what the status page shows from the engine's status and the roles' statuses, adding the caller identity
 * of each role while its credentials can be served (the default role's from the application's STS client, the
 * named roles' from the starter's {@link RoleIdentityLookups}) and the next action as the page puts it. Demo mode
 * is known by its emulator bean.
 */
@Component
class SessionViews {

    static final String PENDING_SIGN_IN = "Complete the sign-in shown below before it expires, or cancel it.";

    static final String DEMO_SIGN_IN = "Sign in with the Sign in button below: the demo signs in to its own"
            + " emulator, which the AWS CLI cannot reach.";

    private final CallerIdentityTracker callers;

    private final IdentityService identity;

    private final ObjectProvider<AwsSsoRoles> roles;

    private final ObjectProvider<RoleIdentityLookups> roleIdentities;

    private final LoginFlow signInFlow;

    private final boolean demo;

    SessionViews(CallerIdentityTracker callers, IdentityService identity, ObjectProvider<AwsSsoRoles> roles,
            ObjectProvider<RoleIdentityLookups> roleIdentities,
            @Value("${aws.sso.login.flow:pkce}") LoginFlow signInFlow, ObjectProvider<IdentityCenterEmulator> demo) {
        this.callers = callers;
        this.identity = identity;
        this.roles = roles;
        this.roleIdentities = roleIdentities;
        this.signInFlow = signInFlow;
        this.demo = demo.getIfAvailable() != null;
    }

    /** The sign-in flow configured with {@code aws.sso.login.flow}. */
    LoginFlow signInFlow() {
        return this.signInFlow;
    }

    /** The view of the engine's session and of every role now. */
    SessionView of(SsoEngine engine) {
        SessionStatus status = engine.status();
        CallerIdentityTracker.Answer answer = status.state().canServeCredentials() ? this.callers
            .callerFor(NamedRole.DEFAULT_NAME, status.credentials().expiresAt(), this.identity::callerIdentity) : null;
        List<RoleView> roleViews = new ArrayList<>();
        AwsSsoRoles configured = this.roles.getIfAvailable();
        if (configured != null) {
            for (RoleStatus role : configured.statuses()) {
                roleViews.add(role.name().equals(NamedRole.DEFAULT_NAME) ? view(role, answer) : view(role));
            }
        }
        String nextAction = nextAction(status);
        return (answer != null)
                ? new SessionView(status, nextAction, answer.caller(), answer.problem(), roleViews, this.signInFlow)
                : new SessionView(status, nextAction, null, null, roleViews, this.signInFlow);
    }

    private String nextAction(SessionStatus status) {
        if (status.state() == SessionState.LOGIN_PENDING) {
            return PENDING_SIGN_IN;
        }
        if (this.demo && (status.state() == SessionState.SIGNED_OUT || status.state() == SessionState.EXPIRED)) {
            return DEMO_SIGN_IN;
        }
        return status.nextAction();
    }

    private RoleView view(RoleStatus role) {
        RoleIdentityLookups lookups = this.roleIdentities.getIfAvailable();
        if (lookups == null || !role.state().canServeCredentials()) {
            return new RoleView(role, null, null);
        }
        return view(role, this.callers.callerFor(role.name(), role.credentials().expiresAt(), () -> {
            dev.awssso.core.account.CallerIdentity caller = lookups.lookUp(role.name());
            return new CallerIdentity(caller.account(), caller.arn(), caller.userId(),
                    role.credentials().expiresAt());
        }));
    }

    private static RoleView view(RoleStatus role, CallerIdentityTracker.@Nullable Answer answer) {
        return (answer != null) ? new RoleView(role, answer.caller(), answer.problem())
                : new RoleView(role, null, null);
    }
}
