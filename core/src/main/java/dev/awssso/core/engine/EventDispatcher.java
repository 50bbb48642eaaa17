package dev.awssso.core.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of events to listeners: delivered on one thread of its own, one at a time, in the order
 * they were published, so that a slow listener never delays a refresh.
 * <p>
 * Events published while it is not running are held (the latest {@value #HELD_EVENTS_LIMIT}) and delivered when it
 * starts. An event is made when it is delivered, so that it carries the status of that moment. The stream of an
 * {@link SsoEngine}, that of a {@link dev.awssso.core.engine.RoleRegistry} and that of a {@link LoginSessionEngine}
 * are each one of these.
 *
 * @param <E> the type of the events
 */
final class EventDispatcher<E> {

    /** How many events are held at most while not running; older ones are dropped. */
    public static final int HELD_EVENTS_LIMIT = 64;

    private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();

    private final ExecutorService thread;

    private final Deque<Supplier<? extends @Nullable E>> held = new ArrayDeque<>();

    private boolean running;

    private boolean closed;

    /**
     * Creates a dispatcher that holds events until {@link #start()}.
     * @param threads makes the thread events are delivered on, when the first event is
     */
    public EventDispatcher(ThreadFactory threads) {
        this.thread = Executors.newSingleThreadExecutor(threads);
    }

    /** Adds a listener for the events delivered from now on. */
    public void addListener(Consumer<? super E> listener) {
        this.listeners.add(listener);
    }

    /**
     * Delivers the event {@code event} makes, after those published before it; holds it while not running.
     * @param event makes the event on the delivery thread; {@code null} from it means that there is nothing to tell
     */
    public synchronized void publish(Supplier<? extends @Nullable E> event) {
        if (this.closed) {
            return;
        }
        if (!this.running) {
            if (this.held.size() == HELD_EVENTS_LIMIT) {
                this.held.removeFirst();
            }
            this.held.addLast(event);
            return;
        }
        deliver(event);
    }

    /** The events held now, oldest first, for an engine to hand to what attaches to it. */
    synchronized List<Supplier<? extends @Nullable E>> held() {
        return List.copyOf(this.held);
    }

    /** Delivers the events held, then every event as it is published. Does nothing once closed. */
    public synchronized void start() {
        if (this.closed) {
            return;
        }
        this.running = true;
        while (!this.held.isEmpty()) {
            deliver(this.held.removeFirst());
        }
    }

    /** Holds the events from now on, until {@link #start()}; those handed to the thread already are delivered. */
    public synchronized void stop() {
        this.running = false;
    }

    /** Drops the events held and ends the delivery thread; an event being delivered is interrupted. */
    public void close() {
        synchronized (this) {
            this.closed = true;
            this.running = false;
            this.held.clear();
        }
        this.thread.shutdownNow();
    }

    /** Hands an event to the delivery thread; called with this object's lock held, so that events keep their order. */
    private void deliver(Supplier<? extends @Nullable E> event) {
        if (this.listeners.isEmpty()) {
            return;
        }
        try {
            this.thread.execute(() -> {
                E made;
                try {
                    made = event.get();
                }
                catch (Throwable ex) {
                    logger.warn("An event could not be made: {}", ex.toString());
                    return;
                }
                if (made == null) {
                    return;
                }
                for (Consumer<? super E> listener : this.listeners) {
                    try {
                        listener.accept(made);
                    }
                    catch (Throwable ex) {
                        logger.warn("A listener failed on {}: {}", made.getClass().getSimpleName(), ex.toString());
                    }
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // closing: nobody is listening any more
        }
    }
}
