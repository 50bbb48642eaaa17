package dev.awssso.sample.session;

import dev.awssso.core.status.RoleStatus;
import dev.awssso.sample.CallerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * One role on the status page: the starter's status of the role (which holds no secret) and, while its
 * credentials can be served, who AWS sees behind them.
 *
 * @param status the role's status: its account and role, the role it assumes, its credentials' expiry and refreshes
 * @param caller the answer of STS {@code GetCallerIdentity} with the role's credentials, or {@code null} when none
 *     can be served or the call failed
 * @param callerProblem why the caller identity is missing although credentials can be served, or {@code null}
 */
public record RoleView(RoleStatus status, @Nullable CallerIdentity caller, @Nullable String callerProblem) {
}
