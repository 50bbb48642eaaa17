package dev.awssso.autoconfigure.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.awssso.autoconfigure.AwsSsoRoles;
import dev.awssso.autoconfigure.AwsSsoService;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.roles.ServedRole;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the IAM Identity Center session and its roles: gauges of the seconds left on the access
 * token and the session ({@code aws.sso.token.remaining}, {@code aws.sso.session.remaining}) and on each role's
 * credentials ({@code aws.sso.credentials.remaining}, tag {@code role}), NaN when unknown; and a counter of refreshes
 * ({@code aws.sso.refreshes}, tags {@code kind}, {@code outcome} and {@code role}: the role whose credentials were
 * refreshed, or for a token the first role of its sign-in, {@code default} for the default role's). No tag carries a
 * secret. Registers none where IAM Identity Center is not configured.
 */
public class AwsSsoMetrics implements MeterBinder, SessionListener {

    private final Supplier<SessionStatus> status;

    private final @Nullable AwsSsoRoles roles;

    private final boolean registers;

    private volatile @Nullable Counters counters;

    /**
     * Meters of the default role alone.
     * @param status the status of the default role's sign-in
     */
    public AwsSsoMetrics(Supplier<SessionStatus> status) {
        this(status, null);
    }

    /**
     * Meters of the default role and the named roles.
     * @param status the status of the default role's sign-in
     * @param roles the roles, or {@code null} for the default role alone
     */
    public AwsSsoMetrics(Supplier<SessionStatus> status, @Nullable AwsSsoRoles roles) {
        this(status, roles, true);
    }

    private AwsSsoMetrics(Supplier<SessionStatus> status, @Nullable AwsSsoRoles roles, boolean registers) {
        this.status = status;
        this.roles = roles;
        this.registers = registers;
    }

    /**
     * Meters of the default role and the named roles of {@code service}; none where IAM Identity Center is not
     * configured.
     * @param service IAM Identity Center
     * @return the meters
     */
    public static AwsSsoMetrics of(AwsSsoService service) {
        if (!service.isConfigured()) {
            return new AwsSsoMetrics(() -> {
                throw new IllegalStateException(AwsSsoService.NOT_CONFIGURED);
            }, null, false);
        }
        return new AwsSsoMetrics(service.engine()::status, service.roles());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!this.registers) {
            return;
        }
        gauge(registry, "aws.sso.token.remaining", "Seconds until the access token expires", this.status,
                SessionStatus::tokenTimeLeft);
        gauge(registry, "aws.sso.session.remaining", "Seconds until the IAM Identity Center session ends",
                this.status, SessionStatus::sessionTimeLeft);
        for (String role : roleNames()) {
            Gauge.builder("aws.sso.credentials.remaining", () -> seconds(credentialsTimeLeft(role)))
                .description("Seconds until the role credentials expire")
                .baseUnit("seconds")
                .tag("role", role)
                .register(registry);
        }
        this.counters = new Counters(registry, roleNames(), signInRoles());
    }

    @Override
    public void onEvent(SessionEvent event) {
        Counters current = this.counters;
        if (current == null) {
            return;
        }
        if (event instanceof SessionEvent.TokenRefreshed refreshed) {
            current.increment(RefreshKind.TOKEN, true, current.tokenRole(refreshed.status()));
        }
        else if (event instanceof SessionEvent.CredentialsRefreshed refreshed) {
            current.increment(RefreshKind.CREDENTIALS, true, refreshed.role());
        }
        else if (event instanceof SessionEvent.RefreshFailed failed) {
            String role = (failed.role() != null) ? failed.role() : current.tokenRole(failed.status());
            current.increment(failed.kind(), false, role);
        }
    }

    private List<String> roleNames() {
        return (this.roles != null) ? this.roles.names() : List.of(NamedRole.DEFAULT_NAME);
    }

    /** The first role of each sign-in, by the key of its token cache: the role its token refreshes are counted for. */
    private Map<String, String> signInRoles() {
        Map<String, String> firstRoles = new LinkedHashMap<>();
        if (this.roles != null) {
            for (ServedRole role : this.roles.registry().roles()) {
                firstRoles.putIfAbsent(role.session().settings().cacheKey(), role.name());
            }
        }
        return firstRoles;
    }

    private Optional<Duration> credentialsTimeLeft(String role) {
        if (this.roles == null || role.equals(NamedRole.DEFAULT_NAME)) {
            return this.status.get().credentialsTimeLeft();
        }
        return this.roles.status(role).credentialsTimeLeft();
    }

    private static void gauge(MeterRegistry registry, String name, String description,
            Supplier<SessionStatus> status, Function<SessionStatus, Optional<Duration>> timeLeft) {
        Gauge.builder(name, status, (source) -> seconds(timeLeft.apply(source.get())))
            .description(description)
            .baseUnit("seconds")
            .register(registry);
    }

    private static double seconds(Optional<Duration> timeLeft) {
        return timeLeft.map((left) -> (double) left.toSeconds()).orElse(Double.NaN);
    }

    /** The refresh counters, one per kind, outcome and role. */
    private static final class Counters {

        private final MeterRegistry registry;

        private final Map<String, String> signInRoles;

        Counters(MeterRegistry registry, List<String> roles, Map<String, String> signInRoles) {
            this.registry = registry;
            this.signInRoles = signInRoles;
            for (String role : roles) {
                counter(RefreshKind.CREDENTIALS, true, role);
                counter(RefreshKind.CREDENTIALS, false, role);
            }
            for (String role : signInRoles.isEmpty() ? List.of(NamedRole.DEFAULT_NAME) : signInRoles.values()) {
                counter(RefreshKind.TOKEN, true, role);
                counter(RefreshKind.TOKEN, false, role);
            }
        }

        /** The role a token refresh of the sign-in {@code status} tells of is counted for. */
        String tokenRole(SessionStatus status) {
            SessionStatus.Identity identity = status.identity();
            String cacheKey = (identity.sessionName() != null) ? identity.sessionName() : identity.startUrl();
            return this.signInRoles.getOrDefault(cacheKey, NamedRole.DEFAULT_NAME);
        }

        void increment(RefreshKind kind, boolean succeeded, String role) {
            counter(kind, succeeded, role).increment();
        }

        private Counter counter(RefreshKind kind, boolean succeeded, String role) {
            return Counter.builder("aws.sso.refreshes")
                .description("Refreshes of the access token and of the role credentials")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", succeeded ? "success" : "failure")
                .tag("role", role)
                .register(this.registry);
        }
    }
}
