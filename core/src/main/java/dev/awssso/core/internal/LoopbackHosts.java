package dev.awssso.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Host names of this machine: {@code localhost}, {@code 127.x.y.z} and {@code [::1]}, without a DNS look-up. */
public final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private LoopbackHosts() {
    }

    /** Whether {@code host} (as {@link java.net.URI#getHost()} gives it) names this machine. */
    public static boolean isLoopback(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || name.equals("::1")
                || IPV4_LOOPBACK.matcher(name).matches();
    }
}
