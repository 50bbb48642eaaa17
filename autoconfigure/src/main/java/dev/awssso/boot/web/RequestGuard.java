package dev.awssso.boot.web;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.awssso.core.login.SocketOwners;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request may reach a door meant only for the user and their terminal. By default it answers only
 * clients on a loopback address (a request that arrives on the machine's LAN address is refused, whatever its
 * {@code Host}); on a loopback connection it refuses a {@code Host} other than {@code localhost}, {@code 127.0.0.1}
 * or {@code [::1]} (DNS rebinding) and, for the owner's paths, a client socket of another local user (Linux, from
 * {@link SocketOwners}); and it refuses what a browser sends on behalf of another site (a write with
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or with an {@code Origin} that is not the
 * request's own). Requests of the user's own curl, SDKs and scripts pass.
 */
public final class RequestGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    private final boolean remoteAccess;

    private final @Nullable SocketOwners owners;

    /** A guard for loopback clients only that tells local users apart where the machine can. */
    public RequestGuard() {
        this(false, SocketOwners.system());
    }

    /**
     * @param remoteAccess whether clients of other hosts are answered too
     * @param owners who owns the client end of a loopback connection, or {@code null} not to tell local users apart
     */
    public RequestGuard(boolean remoteAccess, @Nullable SocketOwners owners) {
        this.remoteAccess = remoteAccess;
        this.owners = owners;
    }

    /**
     * Why the request is refused, if it is.
     * @param request what the guard looks at
     * @return a one-line reason to answer with 403, or empty when the request may pass
     */
    public Optional<String> refusal(GuardedRequest request) {
        boolean loopback = request.loopbackConnection();
        if (!loopback && !this.remoteAccess) {
            return Optional.of("Refused: only clients on this machine's loopback address (127.0.0.1, ::1) are"
                    + " answered; set aws.sso.web.remote-access=true to answer other hosts.");
        }
        if (loopback && request.host() != null && !isLoopbackName(request.host())) {
            return Optional.of("Refused: on a loopback address only the host names localhost, 127.0.0.1 and [::1]"
                    + " are answered (DNS rebinding protection).");
        }
        if (loopback && request.ownerOnly()) {
            Optional<String> otherUser = otherUser(request);
            if (otherUser.isPresent()) {
                return otherUser;
            }
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

    private Optional<String> otherUser(GuardedRequest request) {
        SocketOwners sockets = this.owners;
        OptionalInt current = (sockets != null) ? sockets.currentUser() : OptionalInt.empty();
        if (sockets == null || current.isEmpty() || !sockets.available()) {
            return Optional.empty();
        }
        // a loopback client socket is listed in this network namespace's tables while it is open: one that is not
        // was closed already, or is no socket at all (MockMvc)
        OptionalInt owner = sockets.ownerOf(request.remote(), request.local());
        if (owner.isPresent() && owner.getAsInt() != current.getAsInt()) {
            return Optional.of("Refused: only the user who runs the application (uid " + current.getAsInt()
                    + ") is answered; this connection is uid " + owner.getAsInt() + "'s.");
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
     * @param local the server's end of the connection
     * @param remote the client's end of the connection
     * @param ownerOnly whether only the user who runs the application may reach the path
     */
    public record GuardedRequest(String method, String scheme, @Nullable String host, @Nullable String origin,
            @Nullable String fetchSite, InetSocketAddress local, InetSocketAddress remote, boolean ownerOnly) {

        /** Whether both ends of the connection are loopback addresses. */
        public boolean loopbackConnection() {
            return isLoopback(this.local) && isLoopback(this.remote);
        }

        private static boolean isLoopback(InetSocketAddress address) {
            return address.getAddress() != null && address.getAddress().isLoopbackAddress();
        }
    }
}
