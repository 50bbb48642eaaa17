package dev.awssso.boot.metrics;

import java.time.Duration;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of an {@code aws login} session, under the names and tags of {@link AwsSsoMetrics} so that one
 * dashboard serves both kinds of sign-in. A time gauge tells the time left on the session
 * ({@code aws.sso.session.remaining}, tag {@code sign-in}: the profile's name) and one on its credentials
 * ({@code aws.sso.credentials.remaining}, tag {@code role}: {@code default}); they are NaN while unknown. A timer
 * counts and times the {@code CreateOAuth2Token} calls that refresh them ({@code aws.sso.credentials.refreshes}, tags
 * {@code role}, {@code operation} and {@code outcome}). No tag carries a secret; a refresh that failed without a call
 * to AWS is not timed.
 */
public class LoginSessionMetrics implements MeterBinder, LoginSessionListener {

    /** The call that refreshes the credentials of a login session. */
    static final String CREATE_OAUTH2_TOKEN = "CreateOAuth2Token";

    private final LoginSessionEngine engine;

    private volatile @Nullable MeterRegistry registry;

    /**
     * @param engine the engine of the session
     */
    public LoginSessionMetrics(LoginSessionEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AwsSsoMetrics.timeGauge(registry, "aws.sso.session.remaining", "Time until the aws login session ends",
                () -> this.engine.status().sessionTimeLeft(), AwsSsoMetrics.SIGN_IN_TAG,
                this.engine.settings().profileName());
        AwsSsoMetrics.timeGauge(registry, "aws.sso.credentials.remaining", "Time until the session's credentials expire",
                () -> this.engine.status().credentialsTimeLeft(), AwsSsoMetrics.ROLE_TAG, NamedRole.DEFAULT_NAME);
        credentialsRefreshes(registry, true);
        credentialsRefreshes(registry, false);
        this.registry = registry;
    }

    @Override
    public void onEvent(LoginSessionEvent event) {
        MeterRegistry current = this.registry;
        if (current == null) {
            return;
        }
        if (event instanceof LoginSessionEvent.CredentialsRefreshed refreshed) {
            credentialsRefreshes(current, true).record(refreshed.duration());
        }
        else if (event instanceof LoginSessionEvent.RefreshFailed failed) {
            Duration duration = failed.failure().duration();
            if (duration != null) {
                credentialsRefreshes(current, false).record(duration);
            }
        }
    }

    private static Timer credentialsRefreshes(MeterRegistry registry, boolean succeeded) {
        return Timer.builder("aws.sso.credentials.refreshes")
            .description("Refreshes of the aws login session's credentials (CreateOAuth2Token)")
            .tag(AwsSsoMetrics.ROLE_TAG, NamedRole.DEFAULT_NAME)
            .tag(AwsSsoMetrics.OPERATION_TAG, CREATE_OAUTH2_TOKEN)
            .tag(AwsSsoMetrics.OUTCOME_TAG, AwsSsoMetrics.outcome(succeeded))
            .register(registry);
    }
}
