package dev.awssso.sample.session;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionStatus;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shapes what the status page shows from the engine's status, adding the caller identity while credentials
 * can be served.
 */
@Component
class SessionViews {

    private final CallerIdentityTracker callers;

    private final LoginFlow signInFlow;

    SessionViews(CallerIdentityTracker callers, @Value("${aws.sso.login.flow:pkce}") LoginFlow signInFlow) {
        this.callers = callers;
        this.signInFlow = signInFlow;
    }

    /** The sign-in flow configured with {@code aws.sso.login.flow}. */
    LoginFlow signInFlow() {
        return this.signInFlow;
    }

    /** The view of the engine's session now. */
    SessionView of(SsoEngine engine) {
        SessionStatus status = engine.status();
        if (!status.state().canServeCredentials()) {
            return new SessionView(status, null, null, this.signInFlow);
        }
        CallerIdentityTracker.Answer answer = this.callers.callerFor(status);
        return new SessionView(status, answer.caller(), answer.problem(), this.signInFlow);
    }
}
