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

    /** The header that names the operation of an AWS JSON protocol request. */
    static final String AWS_JSON_TARGET = "X-Amz-Target";

    static Route of(String method, String path, Operation operation, Dialect dialect,
            Function<Request, Reply> handler) {
        return new Route(operation, dialect, (request) -> request.is(method, path), handler);
    }

    /**
     * An operation of an AWS JSON protocol service: {@code POST /} with {@code X-Amz-Target} naming it.
     * @param target the service's target prefix and the operation name, such as
     *     {@code AmazonSSM.GetParametersByPath}
     */
    static Route awsJson(String target, Operation operation, Function<Request, Reply> handler) {
        return new Route(operation, Dialect.AWS_JSON,
                (request) -> request.is("POST", "/") && target.equals(request.header(AWS_JSON_TARGET)), handler);
    }

}
