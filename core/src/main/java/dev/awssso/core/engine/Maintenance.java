package dev.awssso.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * The background maintenance of an engine: a refresh and an expiry check, run every check interval on the engine's
 * scheduler until cancelled. Nothing a task throws ends it (a scheduled task that throws is never run again, and
 * refreshes would stop silently): each kind of failure is logged once, and the task runs again at the next check.
 */
final class Maintenance {

    private final ScheduledExecutorService scheduler;

    private final Duration interval;

    private final Logger logger;

    private final String subject;

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Guarded by this object. */
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    /**
     * @param scheduler where the tasks run, which the engine shuts down
     * @param interval how often they run
     * @param logger the engine's logger
     * @param subject what the engine maintains, in words, such as {@code aws login session of profile 'dev' (...)}
     */
    Maintenance(ScheduledExecutorService scheduler, Duration interval, Logger logger, String subject) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.logger = logger;
        this.subject = subject;
    }

    /** Runs {@code refresh} and {@code expiryCheck} every interval from one interval on, unless scheduled already. */
    synchronized void schedule(Runnable refresh, Runnable expiryCheck) {
        if (!this.scheduled.isEmpty()) {
            return;
        }
        long millis = this.interval.toMillis();
        this.scheduled.add(this.scheduler.scheduleWithFixedDelay(() -> survive("refresh", refresh), millis, millis,
                TimeUnit.MILLISECONDS));
        this.scheduled.add(this.scheduler.scheduleWithFixedDelay(() -> survive("expiry check", expiryCheck), millis,
                millis, TimeUnit.MILLISECONDS));
    }

    /** Cancels the runs to come; one under way completes. */
    synchronized void cancel() {
        this.scheduled.forEach((task) -> task.cancel(false));
        this.scheduled.clear();
    }

    /** Runs {@code action}, logging its failure the first time it fails that way. */
    void survive(String task, Runnable action) {
        try {
            action.run();
        }
        catch (Throwable ex) {
            if (this.logged.add(task + ": " + ex.getClass().getName())) {
                this.logger.warn("The background {} of the {} failed; it goes on at the next check: {}", task,
                        this.subject, ex.toString());
            }
        }
    }
}
