package dev.awssso.autoconfigure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the events of the named roles and their sign-ins on to the listener beans while the application runs,
 * and holds them (the latest {@value #HELD_EVENTS_LIMIT}) while it does not, as the default role's engine does:
 * credentials fetched while the context is being built are heard of once it runs, and no listener bean is called
 * from an event thread before then.
 */
final class RoleEventGate implements SessionListener {

    private static final Logger logger = LoggerFactory.getLogger(RoleEventGate.class);

    /** How many events are held at most while closed; older ones are dropped. */
    static final int HELD_EVENTS_LIMIT = 64;

    private final Deque<SessionEvent> held = new ArrayDeque<>();

    private List<SessionListener> listeners = List.of();

    private boolean open;

    @Override
    public synchronized void onEvent(SessionEvent event) {
        if (!this.open) {
            if (this.held.size() == HELD_EVENTS_LIMIT) {
                this.held.removeFirst();
            }
            this.held.addLast(event);
            return;
        }
        deliver(event);
    }

    /** Delivers the held events to {@code listeners}, then every event as it comes. */
    synchronized void open(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.open = true;
        while (!this.held.isEmpty()) {
            deliver(this.held.removeFirst());
        }
    }

    /** Holds the events from now on, until {@link #open} again. */
    synchronized void close() {
        this.open = false;
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
