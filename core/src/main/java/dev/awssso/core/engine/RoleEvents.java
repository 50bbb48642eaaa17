package dev.awssso.core.engine;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Makes the {@link SessionEvent}s of a registry's roles and of its sign-ins one stream, on the registry's
 * {@link EventDispatcher}: the credentials events of a named role, each carrying the status of the role's sign-in
 * at delivery; the events of each sign-in's engine, those of the default role's as they are, those of another
 * sign-in's engine with its credentials events named after the role its own provider serves.
 */
final class RoleEvents {

    private static final CredentialsListener SILENT = new CredentialsListener() {
    };

    private final EventDispatcher<SessionEvent> dispatcher;

    RoleEvents(EventDispatcher<SessionEvent> dispatcher) {
        this.dispatcher = dispatcher;
    }

    void addListener(SessionListener listener) {
        this.dispatcher.addListener(listener::onEvent);
    }

    /** Told of nothing: for the links of a chain before its last, whose own refreshes are not the role's. */
    static CredentialsListener silent() {
        return SILENT;
    }

    /** Publishes what the credentials of {@code role}, a role of {@code engine}'s sign-in, go through. */
    CredentialsListener forRole(String role, SsoEngine engine) {
        return new CredentialsListener() {

            @Override
            public void credentialsRefreshed(AwsSessionCredentials credentials, Duration duration) {
                publish(engine, (status) -> new SessionEvent.CredentialsRefreshed(status, role, duration));
            }

            @Override
            public void credentialsRefreshFailed(RefreshFailure failure) {
                publish(engine, (status) -> new SessionEvent.RefreshFailed(RefreshKind.CREDENTIALS, failure, status,
                        role));
            }

            @Override
            public void credentialsExpired() {
                publish(engine, (status) -> new SessionEvent.CredentialsWithdrawn(status, role));
            }
        };
    }

    /** Publishes an event of the default role's engine as it is. */
    void fromDefaultEngine(Supplier<SessionEvent> event) {
        this.dispatcher.publish(event);
    }

    /**
     * Publishes an event of another sign-in's engine: those of its own credentials provider as events of the role
     * {@code servedRole} gives when delivered, or not at all when it gives none (the provider only feeds assumed
     * roles).
     */
    void fromOtherEngine(Supplier<SessionEvent> event, Supplier<@Nullable String> servedRole) {
        this.dispatcher.publish(() -> rename(event.get(), servedRole.get()));
    }

    private static @Nullable SessionEvent rename(SessionEvent event, @Nullable String role) {
        if (event instanceof SessionEvent.CredentialsRefreshed refreshed) {
            return (role != null)
                    ? new SessionEvent.CredentialsRefreshed(refreshed.status(), role, refreshed.duration()) : null;
        }
        if (event instanceof SessionEvent.CredentialsWithdrawn withdrawn) {
            return (role != null) ? new SessionEvent.CredentialsWithdrawn(withdrawn.status(), role) : null;
        }
        if (event instanceof SessionEvent.RefreshFailed failed && failed.kind() == RefreshKind.CREDENTIALS) {
            return (role != null)
                    ? new SessionEvent.RefreshFailed(failed.kind(), failed.failure(), failed.status(), role) : null;
        }
        return event;
    }

    private void publish(SsoEngine engine, Function<SessionStatus, SessionEvent> event) {
        this.dispatcher.publish(() -> event.apply(engine.status()));
    }
}
