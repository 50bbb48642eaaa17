package dev.awssso.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The injected faults, per operation, in the order they were injected: a call gets the first that applies to it.
 * A fault limited with {@link Fault#times(int)} makes way for the next one once used up; an unlimited one stays
 * until cleared.
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
     * @param accountId the account the call names, or {@code null}
     * @return the fault, or {@code null} to answer normally
     */
    synchronized @Nullable Fault next(Operation operation, @Nullable String accountId) {
        Deque<PendingFault> queue = this.pending.get(operation);
        if (queue == null) {
            return null;
        }
        for (Iterator<PendingFault> faults = queue.iterator(); faults.hasNext();) {
            PendingFault candidate = faults.next();
            if (candidate.fault.appliesTo(accountId)) {
                if (candidate.useOnce()) {
                    faults.remove();
                }
                return candidate.fault;
            }
        }
        return null;
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
