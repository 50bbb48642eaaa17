package dev.awssso.emulator;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Number of requests per operation, including failed and faulted ones, and the most that were answered at once.
 */
final class CallCounters {

    private final AtomicLongArray counts = new AtomicLongArray(Operation.values().length);

    private final AtomicLongArray underWay = new AtomicLongArray(Operation.values().length);

    private final AtomicLongArray mostAtOnce = new AtomicLongArray(Operation.values().length);

    /** Counts a request whose answer is being made, until {@link #finished(Operation)}. */
    void started(Operation operation) {
        this.counts.incrementAndGet(operation.ordinal());
        long now = this.underWay.incrementAndGet(operation.ordinal());
        this.mostAtOnce.accumulateAndGet(operation.ordinal(), now, Math::max);
    }

    void finished(Operation operation) {
        this.underWay.decrementAndGet(operation.ordinal());
    }

    long get(Operation operation) {
        return this.counts.get(operation.ordinal());
    }

    long mostAtOnce(Operation operation) {
        return this.mostAtOnce.get(operation.ordinal());
    }

    void reset() {
        for (int i = 0; i < this.counts.length(); i++) {
            this.counts.set(i, 0);
            this.mostAtOnce.set(i, this.underWay.get(i));
        }
    }

}
