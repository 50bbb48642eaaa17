package dev.awssso.autoconfigure.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.awssso.autoconfigure.web.RequestGuard.GuardedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 403 with the {@link RequestGuard}'s one-line reason to a request it refuses. */
public class RequestGuardFilter extends OncePerRequestFilter {

    private final RequestGuard guard = new RequestGuard();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = this.guard.refusal(new GuardedRequest(request.getMethod(), request.getScheme(),
                request.getHeader(HttpHeaders.HOST), request.getHeader(HttpHeaders.ORIGIN),
                request.getHeader("Sec-Fetch-Site"), isLoopback(request.getLocalAddr())));
        if (refusal.isPresent()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            // the String form: setCharacterEncoding(Charset) is Servlet 6.1, which Spring Boot 3's Tomcat 10.1 lacks
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().println(refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isLoopback(String localAddress) {
        try {
            return InetAddress.getByName(localAddress).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
