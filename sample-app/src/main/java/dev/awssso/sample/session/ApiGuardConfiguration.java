package dev.awssso.sample.session;

import java.io.IOException;

import dev.awssso.boot.web.RequestGuardFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the starter's {@link RequestGuardFilter} in front of {@code /api/*} and {@code /identity}: another host,
 * another local user and another site's page cannot read the session or post the actions, and a rebound host name
 * cannot read them. No page of the application may be framed by another site's (a click in a hidden frame would
 * sign the developer out).
 */
@Configuration(proxyBeanMethods = false)
class ApiGuardConfiguration {

    @Bean
    FilterRegistrationBean<RequestGuardFilter> apiRequestGuardFilter() {
        var registration = new FilterRegistrationBean<>(new RequestGuardFilter());
        registration.addUrlPatterns("/api/*", "/identity");
        return registration;
    }

    @Bean
    FilterRegistrationBean<FrameDenyFilter> frameDenyFilter() {
        var registration = new FilterRegistrationBean<>(new FrameDenyFilter());
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Tells browsers that no other page may frame this one. */
    static final class FrameDenyFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
            chain.doFilter(request, response);
        }
    }
}
