package dev.awssso.boot;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.awssso.core.engine.RoleRegistry;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionListener;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the engine's and the roles' background work while the application context runs: once the context has
 * refreshed, attaches the {@link SessionListener}s (in their order) to the roles' registry, whose one event stream
 * carries the events of every role and sign-in, and starts the engine, then the registry (the engines of other
 * sign-ins, and the delivery of the events held until then); in the shutdown phase, stops them. Closing the engine
 * and the roles (their threads end) is left to the destruction of their beans, so that beans destroyed before them
 * can still get credentials. Starts before and stops after the web server and message listener containers.
 * <p>
 * As soon as the context starts to close (before the graceful shutdown of the web server waits for its requests),
 * callers waiting for credentials are released with an error saying that the application is stopping, and no
 * caller waits from then on: a slow answer of AWS never holds up the shutdown.
 */
public class SsoEngineLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    /** Lower than the phases of the web server and of message listener containers. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final AwsSsoService service;

    private final Supplier<Stream<SessionListener>> listeners;

    private final ApplicationContext context;

    private boolean listenersAttached;

    /** Whether this lifecycle started the engine and the roles. */
    private volatile boolean running;

    /**
     * @param service IAM Identity Center, whose engine and roles run; nothing runs where it is not configured
     * @param listeners the listeners to attach to the roles' registry before it first starts
     * @param context the context whose closing releases the waiting callers (not a child context's)
     */
    public SsoEngineLifecycle(AwsSsoService service, Supplier<Stream<SessionListener>> listeners,
            ApplicationContext context) {
        this.service = service;
        this.listeners = listeners;
        this.context = context;
    }

    @Override
    public void start() {
        if (!this.service.isConfigured()) {
            return;
        }
        SsoEngine current = this.service.engine();
        RoleRegistry registry = this.service.roles().registry();
        synchronized (this) {
            if (!this.listenersAttached) {
                this.listeners.get().forEach(registry::addListener);
                this.listenersAttached = true;
            }
        }
        current.start();
        registry.start();
        this.running = true;
    }

    @Override
    public void stop() {
        if (this.service.isConfigured()) {
            this.service.roles().registry().stop();
            this.service.engine().stop();
        }
        this.running = false;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != this.context || !this.service.isConfigured()) {
            return;
        }
        this.service.engine().stopWaiting();
        this.service.roles().stopWaiting();
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
