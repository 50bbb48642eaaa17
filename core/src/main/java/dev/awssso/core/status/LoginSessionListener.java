package dev.awssso.core.status;

/**
 * Receives {@link LoginSessionEvent}s, on one background thread of the engine it listens to, one at a time, in the
 * order they happened.
 */
@FunctionalInterface
public interface LoginSessionListener {

    /** Called once for every event. */
    void onEvent(LoginSessionEvent event);
}
