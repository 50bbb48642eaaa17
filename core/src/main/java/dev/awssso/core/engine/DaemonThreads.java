package dev.awssso.core.engine;

import java.util.Collection;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads of the engine's pools, numbered after a prefix, that are in a collection while they live, so that
 * closing can wait for them and a pool whose idle threads end keeps no list growing.
 */
final class DaemonThreads {

    private DaemonThreads() {
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
