package dev.awssso.core.engine;

import java.util.function.Supplier;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.token.TokenListener;

/**
 * Work that lives with an {@link SsoEngine} (see {@link SsoEngine#attach}), such as the credentials of further
 * roles of its sign-in: driven by the engine's background maintenance, told of the sign-ins, sign-outs and token
 * refreshes its token manager sees (on the thread that saw them, before the engine's listeners hear of them) and
 * of every event of the engine, and closed with the engine.
 */
interface EngineAttachment extends TokenListener {

    /**
     * Starts whatever refresh is due, without waiting for it; called on the engine's refresh thread at every
     * check, after the token was refreshed if due.
     */
    void refreshIfDue();

    /** Withdraws whatever went stale; called on the engine's expiry thread at every check. Never waits. */
    void expireIfStale();

    /** Releases the callers waiting for credentials and refuses new waits: the application is stopping. */
    void stopWaiting();

    /**
     * Hears of an event of the engine as it happens, whether the engine runs or not; when attached, of the events
     * the engine holds. Called in the order the events happened, on the thread that saw them; never waits.
     * @param event makes the event, with the engine's status at the time it is called
     */
    void eventPublished(Supplier<SessionEvent> event);

    /** Stops serving; called first when the engine closes, before its threads and clients stop. */
    void close();
}
