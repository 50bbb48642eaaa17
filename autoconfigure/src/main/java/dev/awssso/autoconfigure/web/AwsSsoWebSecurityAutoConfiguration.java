package dev.awssso.autoconfigure.web;

import dev.awssso.autoconfigure.endpoint.AwsSsoEndpoint;
import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filters on the paths of the {@code awssso} endpoint when it is exposed over HTTP: the
 * {@link RequestGuardFilter} (turned off with {@code aws.sso.web.request-guard.enabled=false} where Spring
 * Security guards the actuator) and the {@link BareActionFilter}.
 */
@AutoConfiguration(after = AwsSsoEndpointAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ OncePerRequestFilter.class, ConditionalOnAvailableEndpoint.class, AwsSsoEndpoint.class })
@ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
@ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
public final class AwsSsoWebSecurityAutoConfiguration {

    private static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnBooleanProperty(name = "aws.sso.web.request-guard.enabled", matchIfMissing = true)
    FilterRegistrationBean<RequestGuardFilter> awsSsoRequestGuardFilter(PathMappedEndpoints paths) {
        FilterRegistrationBean<RequestGuardFilter> registration = onEndpointPaths(new RequestGuardFilter(), paths);
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BareActionFilter> awsSsoBareActionFilter(PathMappedEndpoints paths) {
        FilterRegistrationBean<BareActionFilter> registration = onEndpointPaths(new BareActionFilter(), paths);
        registration.setOrder(GUARD_ORDER + 1);
        return registration;
    }

    private static <F extends OncePerRequestFilter> FilterRegistrationBean<F> onEndpointPaths(F filter,
            PathMappedEndpoints paths) {
        String path = paths.getPath(EndpointId.of("awssso"));
        Assert.state(path != null, "The awssso endpoint is exposed over HTTP but has no path");
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }
}
