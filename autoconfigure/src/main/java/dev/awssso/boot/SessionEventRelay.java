package dev.awssso.boot;

import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionListener;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the {@link SessionEvent}s of every role and sign-in, and the {@link LoginSessionEvent}s of an
 * {@code aws login} session, as Spring application events. The roles' registry and the login session's engine
 * deliver events only while they run (from the end of the context's refresh to its shutdown phase, see
 * {@link SsoEngineLifecycle} and {@link LoginSessionLifecycle}), so that no listener bean is created from their event
 * threads while the context is still being built; the events of the time before are held and delivered when they
 * start.
 */
public class SessionEventRelay implements SessionListener, LoginSessionListener {

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

    @Override
    public void onEvent(LoginSessionEvent event) {
        this.publisher.publishEvent(event);
    }
}
