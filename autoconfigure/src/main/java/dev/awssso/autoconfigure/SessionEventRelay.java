package dev.awssso.autoconfigure;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes the engine's {@link SessionEvent}s as Spring application events, but only while the application
 * context is running: events that happen while the context starts or stops are dropped, so that no listener
 * bean is created from the engine's thread while the context is still being built.
 */
class SessionEventRelay implements SessionListener, SmartLifecycle {

    private final ApplicationEventPublisher publisher;

    private volatile boolean running;

    SessionEventRelay(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (this.running) {
            this.publisher.publishEvent(event);
        }
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }
}
