package dev.awssso.sample.session;

import java.util.List;

import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.sample.CallerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows, as {@code GET /api/session} answers it: the starter's session status (which
 * holds no secret) and, while credentials can be served, who AWS sees behind them; then every role the
 * application uses, the default role first.
 *
 * @param status the session status of the starter's engine
 * @param nextAction what the user should do next on this page: the status's next action, except that a pending
 *     sign-in points at the page's sign-in box (which shows its time left) and demo mode points at the page's
 *     Sign in button (the AWS CLI cannot sign in to the demo's emulator)
 * @param caller the answer of STS {@code GetCallerIdentity} with the credentials being served, or {@code null}
 *     when none can be served or the call failed
 * @param callerProblem why the caller identity is missing although credentials can be served, or {@code null}
 * @param roles every role: {@code default}, then those of {@code aws.sso.roles}
 * @param signInFlow the sign-in flow configured with {@code aws.sso.login.flow}, preselected on the page
 */
public record SessionView(SessionStatus status, String nextAction, @Nullable CallerIdentity caller,
        @Nullable String callerProblem, List<RoleView> roles, LoginFlow signInFlow) {
}
