package dev.awssso.boot;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.LoginSessionListener;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the background work of an {@code aws login} session's engine while the application context runs, as
 * {@link SsoEngineLifecycle} does for IAM Identity Center: started once the context has refreshed, with the
 * {@link LoginSessionListener}s (in their order) attached before its held events are delivered, stopped in the
 * shutdown phase, waiting callers released as soon as the context starts to close; closing the engine is left to the
 * destruction of its bean.
 */
public class LoginSessionLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private final LoginSessionEngine engine;

    private final Supplier<Stream<LoginSessionListener>> listeners;

    private final ApplicationContext context;

    private boolean listenersAttached;

    private volatile boolean running;

    /**
     * @param engine the engine that runs
     * @param listeners the listeners to attach to the engine before it first starts
     * @param context the context whose closing releases the waiting callers (not a child context's)
     */
    public LoginSessionLifecycle(LoginSessionEngine engine, Supplier<Stream<LoginSessionListener>> listeners,
            ApplicationContext context) {
        this.engine = engine;
        this.listeners = listeners;
        this.context = context;
    }

    @Override
    public void start() {
        synchronized (this) {
            if (!this.listenersAttached) {
                this.listeners.get().forEach(this.engine::addListener);
                this.listenersAttached = true;
            }
        }
        this.engine.start();
        this.running = true;
    }

    @Override
    public void stop() {
        this.engine.stop();
        this.running = false;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == this.context) {
            this.engine.stopWaiting();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return SsoEngineLifecycle.PHASE;
    }
}
