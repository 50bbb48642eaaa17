package dev.awssso.autoconfigure.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the IAM Identity Center session: gauges of the seconds left on the access token, the
 * role credentials and the session ({@code aws.sso.token.remaining}, {@code aws.sso.credentials.remaining},
 * {@code aws.sso.session.remaining}; NaN when unknown), and a counter of refreshes by kind and outcome
 * ({@code aws.sso.refreshes}, tags {@code kind}, {@code outcome}). No tag carries a secret.
 */
public class AwsSsoMetrics implements MeterBinder, SessionListener {

    private final Supplier<SessionStatus> status;

    private volatile Counters counters;

    public AwsSsoMetrics(Supplier<SessionStatus> status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "aws.sso.token.remaining", "Seconds until the access token expires",
                SessionStatus::tokenTimeLeft);
        gauge(registry, "aws.sso.credentials.remaining", "Seconds until the role credentials expire",
                SessionStatus::credentialsTimeLeft);
        gauge(registry, "aws.sso.session.remaining", "Seconds until the IAM Identity Center session ends",
                SessionStatus::sessionTimeLeft);
        this.counters = new Counters(registry);
    }

    @Override
    public void onEvent(SessionEvent event) {
        Counters current = this.counters;
        if (current == null) {
            return;
        }
        if (event instanceof SessionEvent.TokenRefreshed) {
            current.increment(RefreshKind.TOKEN, true);
        }
        else if (event instanceof SessionEvent.CredentialsRefreshed) {
            current.increment(RefreshKind.CREDENTIALS, true);
        }
        else if (event instanceof SessionEvent.RefreshFailed failed) {
            current.increment(failed.kind(), false);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description,
            Function<SessionStatus, Optional<Duration>> timeLeft) {
        Gauge.builder(name, this.status,
                (source) -> timeLeft.apply(source.get()).map((left) -> (double) left.toSeconds()).orElse(Double.NaN))
            .description(description)
            .baseUnit("seconds")
            .register(registry);
    }

    /** The refresh counters, one per kind and outcome. */
    private static final class Counters {

        private final MeterRegistry registry;

        Counters(MeterRegistry registry) {
            this.registry = registry;
            for (RefreshKind kind : RefreshKind.values()) {
                counter(kind, true);
                counter(kind, false);
            }
        }

        void increment(RefreshKind kind, boolean succeeded) {
            counter(kind, succeeded).increment();
        }

        private Counter counter(RefreshKind kind, boolean succeeded) {
            return Counter.builder("aws.sso.refreshes")
                .description("Refreshes of the access token and of the role credentials")
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", succeeded ? "success" : "failure")
                .register(this.registry);
        }
    }
}
