package dev.awssso.boot;

import dev.awssso.core.engine.LoginSessionEngine;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the background work of an {@code aws login} session's engine while the application context runs, as
 * {@link SsoEngineLifecycle} does for IAM Identity Center: started once the context has refreshed, stopped in the
 * shutdown phase, waiting callers released as soon as the context starts to close; closing the engine is left to the
 * destruction of its bean.
 */
public class LoginSessionLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private final LoginSessionEngine engine;

    private final ApplicationContext context;

    private volatile boolean running;

    /**
     * @param engine the engine that runs
     * @param context the context whose closing releases the waiting callers (not a child context's)
     */
    public LoginSessionLifecycle(LoginSessionEngine engine, ApplicationContext context) {
        this.engine = engine;
        this.context = context;
    }

    @Override
    public void start() {
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
