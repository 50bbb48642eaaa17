package dev.awssso.core.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Runs the tasks of an engine's background maintenance so that a failure never ends their schedule: it is logged
 * once per task and kind of failure, and the task runs again at the next check.
 */
final class MaintenanceTasks {

    private final Logger logger;

    private final String subject;

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param logger the engine's logger
     * @param subject what the engine maintains, in words, such as {@code aws login session of profile 'dev' (...)}
     */
    MaintenanceTasks(Logger logger, String subject) {
        this.logger = logger;
        this.subject = subject;
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
