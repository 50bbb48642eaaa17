package dev.awssso.core.status;

/**
 * Receives {@link SessionEvent}s, on one background thread of the engine or role registry it listens to, one at a
 * time, in the order they happened.
 */
@FunctionalInterface
public interface SessionListener {

    /** Called once for every event. */
    void onEvent(SessionEvent event);
}
