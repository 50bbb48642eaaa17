package dev.awssso.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The redirect URIs accepted for the {@code authorization_code} grant: {@code http://127.0.0.1[:port]/path} only,
 * as for a native application's loopback listener (RFC 8252, section 7.3). The port is never compared, since
 * the application picks a free one each time (the AWS CLI registers {@code http://127.0.0.1/oauth/callback} and
 * then listens on {@code http://127.0.0.1:PORT/oauth/callback}).
 */
final class LoopbackRedirects {

    private static final String LOOPBACK = "127.0.0.1";

    private LoopbackRedirects() {
    }

    /**
     * Whether the URI is an {@code http} URI of {@code 127.0.0.1} with a path, and no user info or fragment.
     */
    static boolean isLoopback(String uri) {
        URI parsed = parse(uri);
        return parsed != null && "http".equals(parsed.getScheme()) && LOOPBACK.equals(parsed.getHost())
                && parsed.getRawUserInfo() == null && parsed.getRawFragment() == null && parsed.getRawPath() != null
                && parsed.getRawPath().startsWith("/");
    }

    /**
     * Whether a requested redirect URI is one registered: a loopback URI equal to it but for the port.
     */
    static boolean matches(String registered, String requested) {
        if (!isLoopback(registered) || !isLoopback(requested)) {
            return false;
        }
        URI expected = Objects.requireNonNull(parse(registered));
        URI actual = Objects.requireNonNull(parse(requested));
        return expected.getRawPath().equals(actual.getRawPath())
                && Objects.equals(expected.getRawQuery(), actual.getRawQuery());
    }

    private static @Nullable URI parse(String uri) {
        try {
            return new URI(uri);
        }
        catch (URISyntaxException ex) {
            return null;
        }
    }

}
