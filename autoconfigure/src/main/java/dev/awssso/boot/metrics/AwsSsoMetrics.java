package dev.awssso.boot.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the IAM Identity Center sign-ins and their roles. Time gauges tell the time left on each
 * sign-in's access token and session ({@code aws.sso.token.remaining}, {@code aws.sso.session.remaining}, tag
 * {@code sign-in}) and on each role's credentials ({@code aws.sso.credentials.remaining}, tag {@code role}); they
 * are NaN while unknown. Timers count and time the calls that refresh them: {@code CreateToken}
 * ({@code aws.sso.token.refreshes}, tags {@code sign-in} and {@code outcome}) and {@code GetRoleCredentials} or
 * {@code AssumeRole} ({@code aws.sso.credentials.refreshes}, tags {@code role}, {@code operation} and
 * {@code outcome}).
 * <p>
 * A sign-in is named by its sso-session, or by its start URL in the legacy form; a role by its name, {@code default}
 * for the default role; an outcome is {@code SUCCESS} or {@code FAILURE}. No tag carries a secret. A refresh that
 * failed without a call to AWS is not timed. Registers none where IAM Identity Center is not configured.
 */
public class AwsSsoMetrics implements MeterBinder, SessionListener {

    /** The tag of the sign-in: the sso-session name, or the start URL in the legacy form. */
    public static final String SIGN_IN_TAG = "sign-in";

    /** The tag of the role: {@code default}, or its name under {@code aws.sso.roles}. */
    public static final String ROLE_TAG = "role";

    /** The tag of the call that refreshed the credentials: {@code GetRoleCredentials} or {@code AssumeRole}. */
    public static final String OPERATION_TAG = "operation";

    /** The tag of how a refresh ended: {@code SUCCESS} or {@code FAILURE}. */
    public static final String OUTCOME_TAG = "outcome";

    private static final String GET_ROLE_CREDENTIALS = "GetRoleCredentials";

    private static final String ASSUME_ROLE = "AssumeRole";

    /** The status of each sign-in by its tag, the default role's first. */
    private final Map<String, Supplier<SessionStatus>> signIns;

    /** The call that refreshes each role's credentials, by role. */
    private final Map<String, String> operations;

    private final Function<String, Optional<Duration>> credentialsTimeLeft;

    private volatile @Nullable MeterRegistry registry;

    /**
     * Meters of the default role alone.
     * @param status the status of the default role's sign-in
     */
    public AwsSsoMetrics(Supplier<SessionStatus> status) {
        this(Map.of(signIn(status.get()), status), Map.of(NamedRole.DEFAULT_NAME, GET_ROLE_CREDENTIALS),
                (role) -> status.get().credentialsTimeLeft());
    }

    /**
     * Meters of the default role and the named roles, and of their sign-ins.
     * @param status the status of the default role's sign-in
     * @param roles the roles
     */
    public AwsSsoMetrics(Supplier<SessionStatus> status, AwsSsoRoles roles) {
        this(signIns(status, roles), operations(roles), (role) -> role.equals(NamedRole.DEFAULT_NAME)
                ? status.get().credentialsTimeLeft() : roles.status(role).credentialsTimeLeft());
    }

    private AwsSsoMetrics(Map<String, Supplier<SessionStatus>> signIns, Map<String, String> operations,
            Function<String, Optional<Duration>> credentialsTimeLeft) {
        this.signIns = signIns;
        this.operations = operations;
        this.credentialsTimeLeft = credentialsTimeLeft;
    }

    /**
     * Meters of the default role and the named roles of {@code service}; none where IAM Identity Center is not
     * configured.
     * @param service IAM Identity Center
     * @return the meters
     */
    public static AwsSsoMetrics of(AwsSsoService service) {
        if (!service.isConfigured()) {
            return new AwsSsoMetrics(Map.of(), Map.of(), (role) -> Optional.empty());
        }
        return new AwsSsoMetrics(service.engine()::status, service.roles());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.signIns.isEmpty()) {
            return;
        }
        this.signIns.forEach((signIn, status) -> {
            timeGauge(registry, "aws.sso.token.remaining", "Time until the access token expires",
                    () -> status.get().tokenTimeLeft(), SIGN_IN_TAG, signIn);
            timeGauge(registry, "aws.sso.session.remaining", "Time until the IAM Identity Center session ends",
                    () -> status.get().sessionTimeLeft(), SIGN_IN_TAG, signIn);
            for (boolean succeeded : new boolean[] { true, false }) {
                tokenRefreshes(registry, signIn, succeeded);
            }
        });
        this.operations.forEach((role, operation) -> {
            timeGauge(registry, "aws.sso.credentials.remaining", "Time until the role credentials expire",
                    () -> this.credentialsTimeLeft.apply(role), ROLE_TAG, role);
            for (boolean succeeded : new boolean[] { true, false }) {
                credentialsRefreshes(registry, role, succeeded);
            }
        });
        this.registry = registry;
    }

    @Override
    public void onEvent(SessionEvent event) {
        MeterRegistry current = this.registry;
        if (current == null) {
            return;
        }
        if (event instanceof SessionEvent.TokenRefreshed refreshed) {
            tokenRefreshes(current, signIn(refreshed.status()), true).record(refreshed.duration());
        }
        else if (event instanceof SessionEvent.CredentialsRefreshed refreshed) {
            credentialsRefreshes(current, refreshed.role(), true).record(refreshed.duration());
        }
        else if (event instanceof SessionEvent.RefreshFailed failed) {
            RefreshFailure failure = failed.failure();
            Duration duration = failure.duration();
            if (duration == null) {
                return;
            }
            String role = failed.role();
            Timer timer = (failed.kind() == RefreshKind.TOKEN || role == null)
                    ? tokenRefreshes(current, signIn(failed.status()), false)
                    : credentialsRefreshes(current, role, false);
            timer.record(duration);
        }
    }

    private static Timer tokenRefreshes(MeterRegistry registry, String signIn, boolean succeeded) {
        return Timer.builder("aws.sso.token.refreshes")
            .description("Refreshes of the access token (CreateToken)")
            .tag(SIGN_IN_TAG, signIn)
            .tag(OUTCOME_TAG, outcome(succeeded))
            .register(registry);
    }

    private Timer credentialsRefreshes(MeterRegistry registry, String role, boolean succeeded) {
        return Timer.builder("aws.sso.credentials.refreshes")
            .description("Refreshes of the role credentials (GetRoleCredentials or AssumeRole)")
            .tag(ROLE_TAG, role)
            .tag(OPERATION_TAG, this.operations.getOrDefault(role, GET_ROLE_CREDENTIALS))
            .tag(OUTCOME_TAG, outcome(succeeded))
            .register(registry);
    }

    static void timeGauge(MeterRegistry registry, String name, String description,
            Supplier<Optional<Duration>> timeLeft, String tag, String value) {
        TimeGauge.builder(name, () -> millis(timeLeft.get()), TimeUnit.MILLISECONDS)
            .description(description)
            .tag(tag, value)
            .register(registry);
    }

    private static double millis(Optional<Duration> timeLeft) {
        return timeLeft.map((left) -> (double) left.toMillis()).orElse(Double.NaN);
    }

    static String outcome(boolean succeeded) {
        return succeeded ? "SUCCESS" : "FAILURE";
    }

    /** The tag value of the sign-in {@code status} tells of: its sso-session, or its start URL. */
    private static String signIn(SessionStatus status) {
        SessionStatus.Identity identity = status.identity();
        return (identity.sessionName() != null) ? identity.sessionName() : identity.startUrl();
    }

    /** The status of each sign-in of {@code roles}, by its tag, the default role's first. */
    private static Map<String, Supplier<SessionStatus>> signIns(Supplier<SessionStatus> status, AwsSsoRoles roles) {
        Map<String, Supplier<SessionStatus>> signIns = new LinkedHashMap<>();
        signIns.put(signIn(status.get()), status);
        for (SsoEngine signIn : roles.signIns()) {
            signIns.putIfAbsent(signIn.settings().cacheKey(), signIn::status);
        }
        return signIns;
    }

    /** The call that refreshes the credentials of each role of {@code roles}. */
    private static Map<String, String> operations(AwsSsoRoles roles) {
        Map<String, String> operations = new LinkedHashMap<>();
        List<String> names = roles.names();
        for (String name : names) {
            operations.put(name, roles.definition(name).assumed() ? ASSUME_ROLE : GET_ROLE_CREDENTIALS);
        }
        return operations;
    }
}
