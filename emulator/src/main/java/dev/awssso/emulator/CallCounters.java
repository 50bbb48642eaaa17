package dev.awssso.emulator;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Number of requests per operation, including failed and faulted ones.
 */
final class CallCounters {

    private final AtomicLongArray counts = new AtomicLongArray(Operation.values().length);

    void increment(Operation operation) {
        this.counts.incrementAndGet(operation.ordinal());
    }

    long get(Operation operation) {
        return this.counts.get(operation.ordinal());
    }

    void reset() {
        for (int i = 0; i < this.counts.length(); i++) {
            this.counts.set(i, 0);
        }
    }

}
