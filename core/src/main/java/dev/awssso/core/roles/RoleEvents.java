package dev.awssso.core.roles;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Delivers the {@link SessionEvent}s of a registry's roles and of the sign-ins it started to its listeners: the
 * credentials events of a named role on the registry's event thread (so that a slow listener never delays a
 * refresh), each carrying the status of the role's sign-in at delivery; the events of another sign-in's engine
 * as that engine delivers them, its credentials events named after the role its engine serves.
 */
final class RoleEvents {

    private static final Logger logger = LoggerFactory.getLogger(RoleEvents.class);

    private static final CredentialsListener SILENT = new CredentialsListener() {
    };

    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    private final ExecutorService dispatcher;

    RoleEvents(ExecutorService dispatcher) {
        this.dispatcher = dispatcher;
    }

    void addListener(SessionListener listener) {
        this.listeners.add(listener);
    }

    /** Told of nothing: for the links of a chain before its last, whose own refreshes are not the role's. */
    static CredentialsListener silent() {
        return SILENT;
    }

    /** Publishes what the credentials of {@code role}, a role of {@code engine}'s sign-in, go through. */
    CredentialsListener forRole(String role, SsoEngine engine) {
        return new CredentialsListener() {

            @Override
            public void credentialsRefreshed(AwsSessionCredentials credentials) {
                publish(engine, (status) -> new SessionEvent.CredentialsRefreshed(status, role));
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

    /**
     * Passes the events of another sign-in's engine on: those of its own credentials provider as events of
     * {@code servedRole}, or not at all when its provider only feeds assumed roles ({@code null}).
     */
    SessionListener relay(@Nullable String servedRole) {
        return (event) -> {
            SessionEvent renamed = rename(event, servedRole);
            if (renamed != null) {
                deliver(renamed);
            }
        };
    }

    private static @Nullable SessionEvent rename(SessionEvent event, @Nullable String role) {
        if (event instanceof SessionEvent.CredentialsRefreshed refreshed) {
            return (role != null) ? new SessionEvent.CredentialsRefreshed(refreshed.status(), role) : null;
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
        if (this.listeners.isEmpty()) {
            return;
        }
        try {
            this.dispatcher.execute(() -> {
                SessionEvent delivered;
                try {
                    delivered = event.apply(engine.status());
                }
                catch (Throwable ex) {
                    logger.warn("A role event could not be made: {}", ex.toString());
                    return;
                }
                deliver(delivered);
            });
        }
        catch (RejectedExecutionException ex) {
            // closing: nobody is listening any more
        }
    }

    private void deliver(SessionEvent event) {
        for (SessionListener listener : this.listeners) {
            try {
                listener.onEvent(event);
            }
            catch (Throwable ex) {
                logger.warn("A listener failed on {}: {}", event.getClass().getSimpleName(), ex.toString());
            }
        }
    }
}
