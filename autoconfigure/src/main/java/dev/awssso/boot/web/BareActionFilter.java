package dev.awssso.boot.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an action of the {@code awssso} endpoint be posted bare, as {@code curl -X POST URL} does: a {@code POST}
 * without body and content type reads as an empty JSON request, which the actuator answers like
 * {@code /actuator/shutdown} instead of with 415.
 */
public class BareActionFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(isBarePost(request) ? new EmptyJsonRequest(request) : request, response);
    }

    private static boolean isBarePost(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && request.getContentType() == null
                && request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    private static final class EmptyJsonRequest extends HttpServletRequestWrapper {

        EmptyJsonRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }
    }
}
