package dev.awssso.sample.session;

import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.sample.CallerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows, as {@code GET /api/session} answers it: the starter's session status (which
 * holds no secret) and, while credentials can be served, who AWS sees behind them.
 *
 * @param status the session status of the starter's engine
 * @param caller the answer of STS {@code GetCallerIdentity} with the credentials being served, or {@code null}
 *     when none can be served or the call failed
 * @param callerProblem why the caller identity is missing although credentials can be served, or {@code null}
 * @param signInFlow the sign-in flow configured with {@code aws.sso.login.flow}, preselected on the page
 */
public record SessionView(SessionStatus status, @Nullable CallerIdentity caller, @Nullable String callerProblem,
        LoginFlow signInFlow) {
}
