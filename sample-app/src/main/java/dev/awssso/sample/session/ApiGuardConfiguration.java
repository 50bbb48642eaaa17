package dev.awssso.sample.session;

import dev.awssso.autoconfigure.web.RequestGuardFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the starter's {@link RequestGuardFilter} in front of {@code /api/*}: another site's page cannot post the
 * actions, and a rebound host name cannot read the session.
 */
@Configuration(proxyBeanMethods = false)
class ApiGuardConfiguration {

    @Bean
    FilterRegistrationBean<RequestGuardFilter> apiRequestGuardFilter() {
        var registration = new FilterRegistrationBean<>(new RequestGuardFilter());
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
