package dev.awssso.boot;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the {@link SessionEvent}s of every role and sign-in as Spring application events. The roles' registry
 * delivers events only while it runs (from the end of the context's refresh to its shutdown phase, see
 * {@link SsoEngineLifecycle}), so that no listener bean is created from its event thread while the context is
 * still being built; the events of the time before are held and delivered when it starts.
 */
public class SessionEventRelay implements SessionListener {

    private final ApplicationEventPublisher publisher;

    /**
     * @param publisher where the events go
     */
    public SessionEventRelay(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onEvent(SessionEvent event) {
        this.publisher.publishEvent(event);
    }
}
