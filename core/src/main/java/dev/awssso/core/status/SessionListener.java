package dev.awssso.core.status;

/** Receives {@link SessionEvent}s, on a background thread of the engine, one at a time. */
@FunctionalInterface
public interface SessionListener {

    /** Called once for every event. */
    void onEvent(SessionEvent event);
}
