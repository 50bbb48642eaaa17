package dev.awssso.autoconfigure.web;

import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.web.BareActionFilter;
import dev.awssso.boot.web.HealthDetailsFilter;
import dev.awssso.boot.web.RequestGuard;
import dev.awssso.boot.web.RequestGuardFilter;
import dev.awssso.boot.web.RequestGuardWebFilter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
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
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * Filters on the paths of the {@code awssso} endpoint when it is exposed over HTTP: the {@link RequestGuard} and
 * the {@link BareActionFilter}, and on the health endpoint's the {@link HealthDetailsFilter} (both turned off with
 * {@code aws.sso.web.request-guard.enabled=false} where Spring Security guards the actuator), as servlet filters
 * on the paths under {@code spring.mvc.servlet.path}, or a WebFlux {@link RequestGuardWebFilter}, whichever stack
 * the application runs on. A separate management server gets
 * the same filters from {@link AwsSsoManagementContextConfiguration}. The actuator's conditions sit on the nested
 * classes, which Spring does not read when the class condition fails.
 */
@AutoConfiguration(after = AwsSsoEndpointAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnClass({ ConditionalOnAvailableEndpoint.class, AwsSsoEndpoint.class })
@ConditionalOnBooleanProperty(name = GuardFilters.ENABLED, matchIfMissing = true)
public final class AwsSsoWebSecurityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
    @ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
    @ConditionalOnClass(OncePerRequestFilter.class)
    static class ServletFilters {

        @Bean
        FilterRegistrationBean<RequestGuardFilter> awsSsoRequestGuardFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.servletGuard(environment, endpointPath(environment, paths));
        }

        @Bean
        FilterRegistrationBean<BareActionFilter> awsSsoBareActionFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.servletBareActions(endpointPath(environment, paths));
        }

        /** The endpoint's path under the dispatcher servlet's {@code spring.mvc.servlet.path}. */
        private static String endpointPath(Environment environment, PathMappedEndpoints paths) {
            return GuardFilters.endpointPath(paths, environment.getProperty("spring.mvc.servlet.path", ""));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnBean(PathMappedEndpoints.class)
    @ConditionalOnClass(OncePerRequestFilter.class)
    static class ServletHealthDetails {

        @Bean
        FilterRegistrationBean<HealthDetailsFilter> awsSsoHealthDetailsFilter(Environment environment,
                PathMappedEndpoints paths) {
            return GuardFilters.servletHealthDetails(environment, paths,
                    environment.getProperty("spring.mvc.servlet.path", ""));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnAvailableEndpoint(endpoint = AwsSsoEndpoint.class, exposure = EndpointExposure.WEB)
    @ConditionalOnBean({ AwsSsoEndpoint.class, PathMappedEndpoints.class })
    @ConditionalOnClass(WebFilter.class)
    static class ReactiveFilters {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        RequestGuardWebFilter awsSsoRequestGuardWebFilter(Environment environment, PathMappedEndpoints paths) {
            return GuardFilters.reactiveGuard(environment, paths);
        }
    }
}
