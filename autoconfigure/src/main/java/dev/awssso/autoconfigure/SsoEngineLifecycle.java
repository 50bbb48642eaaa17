package dev.awssso.autoconfigure;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.status.SessionListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the engine's background work while the application context runs: once the context has refreshed, attaches
 * the {@link SessionListener}s (in their order) and starts the engine; in the shutdown phase, stops it. Closing
 * the engine (its threads end) is left to the destruction of its bean, so that beans destroyed before it can
 * still get credentials. Starts before and stops after the web server and message listener containers.
 */
class SsoEngineLifecycle implements SmartLifecycle {

    /** Lower than the phases of the web server and of message listener containers. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Supplier<@Nullable SsoEngine> engine;

    private final Supplier<Stream<SessionListener>> listeners;

    private boolean listenersAttached;

    /**
     * Whether this lifecycle started the engine; not the engine's own state, which an engine already started
     * (handed over by the configuration imports) would report, and the listeners would never be attached.
     */
    private volatile boolean running;

    /**
     * @param engine the engine, or {@code null} when IAM Identity Center is not configured
     * @param listeners the listeners to attach before the engine first starts
     */
    SsoEngineLifecycle(Supplier<@Nullable SsoEngine> engine, Supplier<Stream<SessionListener>> listeners) {
        this.engine = engine;
        this.listeners = listeners;
    }

    @Override
    public void start() {
        SsoEngine current = this.engine.get();
        if (current == null) {
            return;
        }
        synchronized (this) {
            if (!this.listenersAttached) {
                this.listeners.get().forEach(current::addListener);
                this.listenersAttached = true;
            }
        }
        current.start();
        this.running = true;
    }

    @Override
    public void stop() {
        SsoEngine current = this.engine.get();
        if (current != null) {
            current.stop();
        }
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
