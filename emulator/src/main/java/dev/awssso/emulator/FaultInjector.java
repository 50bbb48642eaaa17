package dev.awssso.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The injected faults, per operation, in the order they were injected. A fault limited with
 * {@link Fault#times(int)} makes way for the next one once used up; an unlimited one stays until cleared.
 */
final class FaultInjector {

    private final Map<Operation, Deque<PendingFault>> pending = new EnumMap<>(Operation.class);

    synchronized void inject(Operation operation, Fault fault) {
        this.pending.computeIfAbsent(operation, (key) -> new ArrayDeque<>()).addLast(new PendingFault(fault));
    }

    synchronized void clear() {
        this.pending.clear();
    }

    /**
     * Takes the fault for one call of the operation.
     * @return the fault, or {@code null} to answer normally
     */
    synchronized @Nullable Fault next(Operation operation) {
        Deque<PendingFault> queue = this.pending.get(operation);
        PendingFault head = (queue != null) ? queue.peekFirst() : null;
        if (head == null) {
            return null;
        }
        if (head.useOnce()) {
            queue.removeFirst();
        }
        return head.fault;
    }

    private static final class PendingFault {

        private final Fault fault;

        private int remaining;

        PendingFault(Fault fault) {
            this.fault = fault;
            this.remaining = fault.callLimit();
        }

        /**
         * Counts one use.
         * @return whether the fault is used up
         */
        boolean useOnce() {
            return this.remaining != 0 && --this.remaining == 0;
        }

    }

}
