package dev.awssso.emulator;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which requests an operation answers, and how.
 * @param operation the operation, for counters and faults
 * @param dialect how the operation's errors look
 * @param matcher which requests belong to the operation
 * @param handler answers a request; throws {@link ServiceError} for a modeled error
 */
record Route(Operation operation, Dialect dialect, Predicate<Request> matcher, Function<Request, Reply> handler) {

    static Route of(String method, String path, Operation operation, Dialect dialect,
            Function<Request, Reply> handler) {
        return new Route(operation, dialect, (request) -> request.is(method, path), handler);
    }

}
