package dev.awssso.boot.web;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whether the HTTP request being served on this thread comes from someone other than the user who runs the
 * application, as {@link HealthDetailsFilter} marks it: a client of another host, a rebound host name, or another
 * local user. Outside a request (JMX, a scheduled check) and without Spring MVC, nothing is marked.
 */
public final class OwnerRequests {

    /** The request attribute that marks a request of someone other than the owner. */
    static final String NOT_OWNER = OwnerRequests.class.getName() + ".NOT_OWNER";

    private static final boolean SPRING_WEB = ClassUtils.isPresent(
            "org.springframework.web.context.request.RequestContextHolder", OwnerRequests.class.getClassLoader());

    private OwnerRequests() {
    }

    /** Whether the current request is marked as another's than the owner's. */
    public static boolean currentIsNotOwners() {
        return SPRING_WEB && Marks.current();
    }

    /** Spring MVC's request attributes, in a class of their own so that nothing loads them without Spring Web. */
    private static final class Marks {

        static boolean current() {
            RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
            return attributes != null
                    && attributes.getAttribute(NOT_OWNER, RequestAttributes.SCOPE_REQUEST) != null;
        }
    }
}
