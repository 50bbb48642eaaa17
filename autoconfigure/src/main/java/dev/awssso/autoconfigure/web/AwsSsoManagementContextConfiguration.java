package dev.awssso.autoconfigure.web;

import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.web.BareActionFilter;
import dev.awssso.boot.web.HealthDetailsFilter;
import dev.awssso.boot.web.RequestGuardFilter;
import dev.awssso.boot.web.RequestGuardWebFilter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
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
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * The filters of {@link AwsSsoWebSecurityAutoConfiguration} on a separate management server
 * ({@code management.server.port}), whose child context has a dispatcher of its own: the same guard and bare
 * actions as on the application's server.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass(AwsSsoEndpoint.class)
@ConditionalOnBooleanProperty(name = GuardFilters.ENABLED, matchIfMissing = true)
@ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
@ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
public class AwsSsoManagementContextConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(OncePerRequestFilter.class)
    static class ServletFilters {

        @Bean
        FilterRegistrationBean<RequestGuardFilter> awsSsoManagementRequestGuardFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.servletGuard(environment, GuardFilters.endpointPath(paths, ""));
        }

        @Bean
        FilterRegistrationBean<BareActionFilter> awsSsoManagementBareActionFilter(PathMappedEndpoints paths) {
            return GuardFilters.servletBareActions(GuardFilters.endpointPath(paths, ""));
        }

        @Bean
        FilterRegistrationBean<HealthDetailsFilter> awsSsoManagementHealthDetailsFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.servletHealthDetails(environment, paths, "");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(WebFilter.class)
    static class ReactiveFilters {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        RequestGuardWebFilter awsSsoManagementRequestGuardWebFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.reactiveGuard(environment, paths);
        }
    }
}
