package dev.awssso.boot.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks a request for the health endpoint that the {@link RequestGuard} would not let reach the owner's paths (a
 * client of another host, a rebound host name, another local user), so that the {@code awssso} health shows it its
 * state only, not the account, the roles or the ARNs (see {@link OwnerRequests}). Health itself stays reachable
 * for everyone, as load balancers probe it.
 */
public class HealthDetailsFilter extends OncePerRequestFilter {

    private final RequestGuard guard;

    public HealthDetailsFilter(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestGuardFilter.refusal(this.guard, request, true)
            .ifPresent((refusal) -> request.setAttribute(OwnerRequests.NOT_OWNER, refusal));
        chain.doFilter(request, response);
    }
}
