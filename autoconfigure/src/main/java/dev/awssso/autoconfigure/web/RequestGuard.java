package dev.awssso.autoconfigure.web;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request may reach a door meant only for the user and their terminal: refuses what a browser
 * sends on behalf of another site (a write with {@code Sec-Fetch-Site} other than {@code same-origin} or
 * {@code none}, or with an {@code Origin} that is not the request's own) and, on a loopback connection, a
 * {@code Host} other than {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (DNS rebinding). Requests without
 * these headers, as curl, SDKs and scripts send them, pass.
 */
public final class RequestGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    /**
     * Why the request is refused, if it is.
     * @param request what the guard looks at
     * @return a one-line reason to answer with 403, or empty when the request may pass
     */
    public Optional<String> refusal(GuardedRequest request) {
        if (request.loopbackConnection() && request.host() != null && !isLoopbackName(request.host())) {
            return Optional.of("Refused: on a loopback address only the host names localhost, 127.0.0.1 and [::1]"
                    + " are answered (DNS rebinding protection).");
        }
        if (SAFE_METHODS.contains(request.method().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String fetchSite = request.fetchSite();
        if (fetchSite != null && !OWN_FETCH_SITES.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("Refused: a browser sent this request on behalf of another site (Sec-Fetch-Site).");
        }
        String origin = request.origin();
        if (origin != null && !origin.trim().equalsIgnoreCase(request.scheme() + "://" + request.host())) {
            return Optional.of("Refused: the request comes from another origin than this server's (Origin).");
        }
        return Optional.empty();
    }

    private static boolean isLoopbackName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        int portStart = name.startsWith("[") ? name.indexOf("]:") + 1 : name.lastIndexOf(':');
        return LOOPBACK_HOSTS.contains((portStart > 0) ? name.substring(0, portStart) : name);
    }

    /**
     * The parts of an HTTP request the guard looks at.
     *
     * @param method the HTTP method
     * @param scheme {@code http} or {@code https}, as the server received the request
     * @param host the {@code Host} header, if sent
     * @param origin the {@code Origin} header, if sent
     * @param fetchSite the {@code Sec-Fetch-Site} header, if sent
     * @param loopbackConnection whether the connection arrived on a loopback address
     */
    public record GuardedRequest(String method, String scheme, @Nullable String host, @Nullable String origin,
            @Nullable String fetchSite, boolean loopbackConnection) {
    }
}
