package dev.awssso.boot.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of an {@code aws login} session and its named roles, under the names and tags of
 * {@link AwsSsoMetrics} so that one dashboard serves both kinds of sign-in. Time gauges tell the time left on the
 * session ({@code aws.sso.session.remaining}, tag {@code sign-in}: the profile's name) and on the credentials of the
 * session and of each role ({@code aws.sso.credentials.remaining}, tag {@code role}: {@code default} or the role's
 * name); they are NaN while unknown. A timer counts and times the calls that refresh them
 * ({@code aws.sso.credentials.refreshes}, tags {@code role}, {@code operation}: {@code CreateOAuth2Token} or
 * {@code AssumeRole}, and {@code outcome}). No tag carries a secret; a refresh that failed without a call to AWS is
 * not timed.
 */
public class LoginSessionMetrics implements MeterBinder, LoginSessionListener {

    /** The call that refreshes the credentials of a login session. */
    static final String CREATE_OAUTH2_TOKEN = "CreateOAuth2Token";

    private static final String ASSUME_ROLE = "AssumeRole";

    private final LoginSessionEngine engine;

    /** The call that refreshes the credentials of each named role, by role. */
    private final Map<String, String> operations = new LinkedHashMap<>();

    private volatile @Nullable MeterRegistry registry;

    /**
     * @param engine the engine of the session and its roles
     */
    public LoginSessionMetrics(LoginSessionEngine engine) {
        this.engine = engine;
        for (LoginSessionRole role : engine.roles()) {
            this.operations.put(role.name(), role.assumeRoles().isEmpty() ? CREATE_OAUTH2_TOKEN : ASSUME_ROLE);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AwsSsoMetrics.timeGauge(registry, "aws.sso.session.remaining", "Time until the aws login session ends",
                () -> this.engine.status().sessionTimeLeft(), AwsSsoMetrics.SIGN_IN_TAG,
                this.engine.settings().profileName());
        credentialsMeters(registry, LoginSessionEvent.DEFAULT_ROLE, () -> this.engine.status().credentialsTimeLeft());
        for (String role : this.operations.keySet()) {
            credentialsMeters(registry, role, () -> this.engine.status().credentialsTimeLeft(role));
        }
        this.registry = registry;
    }

    @Override
    public void onEvent(LoginSessionEvent event) {
        MeterRegistry current = this.registry;
        if (current == null) {
            return;
        }
        if (event instanceof LoginSessionEvent.CredentialsRefreshed refreshed) {
            credentialsRefreshes(current, refreshed.role(), true).record(refreshed.duration());
        }
        else if (event instanceof LoginSessionEvent.RefreshFailed failed) {
            Duration duration = failed.failure().duration();
            if (duration != null) {
                credentialsRefreshes(current, failed.role(), false).record(duration);
            }
        }
    }

    private void credentialsMeters(MeterRegistry registry, String role, Supplier<Optional<Duration>> timeLeft) {
        AwsSsoMetrics.timeGauge(registry, "aws.sso.credentials.remaining", "Time until the role credentials expire",
                timeLeft, AwsSsoMetrics.ROLE_TAG, role);
        credentialsRefreshes(registry, role, true);
        credentialsRefreshes(registry, role, false);
    }

    private Timer credentialsRefreshes(MeterRegistry registry, String role, boolean succeeded) {
        return Timer.builder("aws.sso.credentials.refreshes")
            .description("Refreshes of the role credentials (CreateOAuth2Token or AssumeRole)")
            .tag(AwsSsoMetrics.ROLE_TAG, role)
            .tag(AwsSsoMetrics.OPERATION_TAG, this.operations.getOrDefault(role, CREATE_OAUTH2_TOKEN))
            .tag(AwsSsoMetrics.OUTCOME_TAG, AwsSsoMetrics.outcome(succeeded))
            .register(registry);
    }
}
