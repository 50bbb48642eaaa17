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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * Filters on the paths of the {@code awssso} endpoint when it is exposed over HTTP: the {@link RequestGuard}
 * (turned off with {@code aws.sso.web.request-guard.enabled=false} where Spring Security guards the actuator), as
 * a servlet filter ({@link RequestGuardFilter}, with the {@link BareActionFilter}) or a WebFlux
 * {@link RequestGuardWebFilter}, whichever stack the application runs on. The actuator's conditions sit on the
 * nested classes, which Spring does not read when the class condition fails.
 */
@AutoConfiguration(after = AwsSsoEndpointAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnClass({ ConditionalOnAvailableEndpoint.class, AwsSsoEndpoint.class })
public final class AwsSsoWebSecurityAutoConfiguration {

    private static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static String endpointPath(PathMappedEndpoints paths) {
        String path = paths.getPath(EndpointId.of("awssso"));
        Assert.state(path != null, "The awssso endpoint is exposed over HTTP but has no path");
        return path;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
    @ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
    @ConditionalOnClass(OncePerRequestFilter.class)
    static class ServletFilters {

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
            String path = endpointPath(paths);
            FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
            registration.addUrlPatterns(path, path + "/*");
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
    @ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
    @ConditionalOnClass(WebFilter.class)
    static class ReactiveFilters {

        @Bean
        @Order(GUARD_ORDER)
        @ConditionalOnBooleanProperty(name = "aws.sso.web.request-guard.enabled", matchIfMissing = true)
        RequestGuardWebFilter awsSsoRequestGuardWebFilter(PathMappedEndpoints paths) {
            return new RequestGuardWebFilter(endpointPath(paths));
        }
    }
}
