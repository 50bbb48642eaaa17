package dev.awssso.autoconfigure;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.roles.RoleRegistry;
import dev.awssso.core.status.SessionListener;
import org.jspecify.annotations.Nullable;

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
class SsoEngineLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    /** Lower than the phases of the web server and of message listener containers. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Supplier<@Nullable SsoEngine> engine;

    private final Supplier<@Nullable AwsSsoRoles> roles;

    private final Supplier<Stream<SessionListener>> listeners;

    private final ApplicationContext context;

    private boolean listenersAttached;

    /** Whether this lifecycle started the engine and the roles. */
    private volatile boolean running;

    /**
     * @param engine the engine, or {@code null} when IAM Identity Center is not configured
     * @param roles the roles over the engine, or {@code null} when IAM Identity Center is not configured
     * @param listeners the listeners to attach to the roles' registry before it first starts
     * @param context the context whose closing releases the waiting callers (not a child context's)
     */
    SsoEngineLifecycle(Supplier<@Nullable SsoEngine> engine, Supplier<@Nullable AwsSsoRoles> roles,
            Supplier<Stream<SessionListener>> listeners, ApplicationContext context) {
        this.engine = engine;
        this.roles = roles;
        this.listeners = listeners;
        this.context = context;
    }

    @Override
    public void start() {
        SsoEngine current = this.engine.get();
        AwsSsoRoles currentRoles = this.roles.get();
        if (current == null || currentRoles == null) {
            return;
        }
        RoleRegistry registry = currentRoles.registry();
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
        AwsSsoRoles currentRoles = this.roles.get();
        if (currentRoles != null) {
            currentRoles.registry().stop();
        }
        SsoEngine current = this.engine.get();
        if (current != null) {
            current.stop();
        }
        this.running = false;
    }
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != this.context) {
            return;
        }
        SsoEngine current = this.engine.get();
        if (current != null) {
            current.stopWaiting();
        }
        AwsSsoRoles currentRoles = this.roles.get();
        if (currentRoles != null) {
            currentRoles.stopWaiting();
        }
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
