package dev.awssso.core;

import java.time.Duration;

/**
 * Time limits of every call to AWS.
 *
 * @param connect longest wait for a connection
 * @param read longest wait for data on an open connection
 * @param call longest time one call may take, retries included
 */
public record CallTimeouts(Duration connect, Duration read, Duration call) {

    /** Connect 5 s, read 10 s, whole call 30 s. */
    public static final CallTimeouts DEFAULT = new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30));
}
