package dev.awssso.autoconfigure.web;

import dev.awssso.boot.web.BareActionFilter;
import dev.awssso.boot.web.HealthDetailsFilter;
import dev.awssso.boot.web.RequestGuard;
import dev.awssso.boot.web.RequestGuardFilter;
import dev.awssso.boot.web.RequestGuardWebFilter;
import dev.awssso.core.login.SocketOwners;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The filters on the paths of the {@code awssso} endpoint, alike on the application's server and on a separate
 * management server: the {@link RequestGuard} as {@code aws.sso.web.*} sets it up, and the {@link BareActionFilter}.
 */
final class GuardFilters {

    static final String ENABLED = "aws.sso.web.request-guard.enabled";

    private static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private GuardFilters() {
    }

    static RequestGuard guard(Environment environment) {
        boolean remoteAccess = environment.getProperty("aws.sso.web.remote-access", Boolean.class, false);
        boolean ownerOnly = environment.getProperty("aws.sso.web.owner-only", Boolean.class, true);
        return new RequestGuard(remoteAccess, ownerOnly ? SocketOwners.system() : null);
    }

    /** The endpoint's path within the server's context: the dispatcher servlet's path, then the endpoint's. */
    static String endpointPath(PathMappedEndpoints paths, String servletPath) {
        String path = paths.getPath(EndpointId.of("awssso"));
        Assert.state(path != null, "The awssso endpoint is exposed over HTTP but has no path");
        String prefix = servletPath.endsWith("/") ? servletPath.substring(0, servletPath.length() - 1) : servletPath;
        return prefix + path;
    }

    static FilterRegistrationBean<RequestGuardFilter> servletGuard(Environment environment, String endpointPath) {
        FilterRegistrationBean<RequestGuardFilter> registration = onPaths(
                new RequestGuardFilter(guard(environment), endpointPath), endpointPath);
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    static FilterRegistrationBean<BareActionFilter> servletBareActions(String endpointPath) {
        FilterRegistrationBean<BareActionFilter> registration = onPaths(new BareActionFilter(), endpointPath);
        registration.setOrder(GUARD_ORDER + 1);
        return registration;
    }

    /** The health filter on the health endpoint's paths, or none where health is not exposed over HTTP. */
    static FilterRegistrationBean<HealthDetailsFilter> servletHealthDetails(Environment environment,
            PathMappedEndpoints paths, String servletPath) {
        String health = paths.getPath(EndpointId.of("health"));
        FilterRegistrationBean<HealthDetailsFilter> registration = new FilterRegistrationBean<>(
                new HealthDetailsFilter(guard(environment)));
        if (health == null) {
            registration.setEnabled(false);
            return registration;
        }
        String prefix = servletPath.endsWith("/") ? servletPath.substring(0, servletPath.length() - 1) : servletPath;
        registration.addUrlPatterns(prefix + health, prefix + health + "/*");
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    static RequestGuardWebFilter reactiveGuard(Environment environment, PathMappedEndpoints paths) {
        return new RequestGuardWebFilter(guard(environment), endpointPath(paths, ""));
    }

    private static <F extends OncePerRequestFilter> FilterRegistrationBean<F> onPaths(F filter, String path) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }
}
