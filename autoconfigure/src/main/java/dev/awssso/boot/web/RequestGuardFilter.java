package dev.awssso.boot.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.awssso.boot.web.RequestGuard.GuardedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Answers 403 with the {@link RequestGuard}'s one-line reason to a request it refuses. Every path it filters is the
 * owner's but one, which any local user may read (the endpoint's status).
 */
public class RequestGuardFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final RequestGuard guard;

    private final @Nullable String publicPath;

    /** A filter with the default guard, for paths that are all the owner's (an application's own API). */
    public RequestGuardFilter() {
        this(new RequestGuard(), null);
    }

    /**
     * @param guard the guard
     * @param publicPath the one path, within the application, that is not only the owner's, or {@code null}
     */
    public RequestGuardFilter(RequestGuard guard, @Nullable String publicPath) {
        this.guard = guard;
        this.publicPath = publicPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = refusal(this.guard, request, !isPublicPath(request));
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

    /** Why {@code guard} refuses {@code request}, if it does. */
    static Optional<String> refusal(RequestGuard guard, HttpServletRequest request, boolean ownerOnly) {
        return guard.refusal(new GuardedRequest(request.getMethod(), request.getScheme(),
                request.getHeader(HttpHeaders.HOST), request.getHeader(HttpHeaders.ORIGIN),
                request.getHeader("Sec-Fetch-Site"), address(request.getLocalAddr(), request.getLocalPort()),
                address(request.getRemoteAddr(), request.getRemotePort()), ownerOnly));
    }

    /** Whether the request is for the public path, decoded and without path parameters as Spring MVC matches it. */
    private boolean isPublicPath(HttpServletRequest request) {
        if (this.publicPath == null) {
            return false;
        }
        String path = PATHS.getPathWithinApplication(request);
        return path.equals(this.publicPath) || path.equals(this.publicPath + "/");
    }

    /** The address of a literal IP as the container reports it; no name is looked up. */
    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        }
        catch (UnknownHostException ex) {
            return InetSocketAddress.createUnresolved(literal, port);
        }
    }
}
