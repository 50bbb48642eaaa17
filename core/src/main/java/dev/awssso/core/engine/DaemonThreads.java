package dev.awssso.core.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads of the engine's pools, numbered after a prefix, that are in a collection while they live, so that
 * closing can wait for them and a pool whose idle threads end keeps no list growing.
 */
final class DaemonThreads {

    /** How long closing an engine waits for its threads to end, in all. */
    static final Duration CLOSE_WAIT = Duration.ofMillis(500);

    private DaemonThreads() {
    }

    /**
     * Waits for the threads of {@code live} to end, {@link #CLOSE_WAIT} at most in all; an interrupt ends the wait
     * and is kept.
     * @return whether they all ended
     */
    static boolean awaitEnd(Collection<Thread> live) {
        long joinUntil = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (Thread thread : live) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, joinUntil - System.nanoTime()));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return live.stream().noneMatch(Thread::isAlive);
    }

    /**
     * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}..., each in {@code live} until it ends.
     * @param live a thread-safe collection
     */
    public static ThreadFactory factory(String prefix, Collection<Thread> live) {
        AtomicInteger number = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(() -> {
                try {
                    runnable.run();
                }
                finally {
                    live.remove(Thread.currentThread());
                }
            }, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            live.add(thread);
            return thread;
        };
    }
}
