package dev.awssso.core.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loggers that write secrets once they log at DEBUG: the AWS SDK's SigV4 signer (the canonical request, with the
 * session token) and the JDK's {@code HttpURLConnection} (the request headers, with the portal's bearer token).
 * Where one of them is that verbose, the engine warns once, naming the loggers to keep above DEBUG.
 */
final class SecretLoggers {

    /** The SLF4J logger of the SDK's SigV4 signer. */
    static final String SIGNER = "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";

    /** The java.util.logging logger of the SDK's url-connection client. */
    static final String JDK_HTTP = "sun.net.www.protocol.http.HttpURLConnection";

    private static final AtomicBoolean warned = new AtomicBoolean();

    private static final Logger logger = LoggerFactory.getLogger(SsoEngine.class);

    private SecretLoggers() {
    }

    /** Warns once per JVM where a logger that writes secrets is verbose enough to write them. */
    static void warnOnceIfVerbose() {
        List<String> verbose = verbose();
        if (!verbose.isEmpty() && warned.compareAndSet(false, true)) {
            logger.warn("Loggers that write AWS secrets at DEBUG are at DEBUG or below: {}. Their lines contain the"
                    + " session token of the role credentials (SigV4 signer) or the portal's bearer token (JDK HTTP):"
                    + " keep them at INFO, for example with logging.level.software.amazon.awssdk.http.auth=info and"
                    + " logging.level.sun.net.www.protocol.http=info.", String.join(", ", verbose));
        }
    }

    /** Those of {@link #SIGNER} and {@link #JDK_HTTP} that are at DEBUG or below. */
    static List<String> verbose() {
        Stream<String> signer = LoggerFactory.getLogger(SIGNER).isDebugEnabled() ? Stream.of(SIGNER) : Stream.empty();
        Stream<String> jdk = jdkLevel(JDK_HTTP).intValue() <= Level.FINE.intValue() ? Stream.of(JDK_HTTP)
                : Stream.empty();
        return Stream.concat(signer, jdk).toList();
    }

    /**
     * The level a java.util.logging logger of that name logs at, read without creating it: a logger created here
     * and then collected would take the level a user gives it later away from the one the JDK creates.
     */
    static Level jdkLevel(String name) {
        LogManager manager = LogManager.getLogManager();
        for (String candidate = name; !candidate.isEmpty();
                candidate = candidate.substring(0, Math.max(candidate.lastIndexOf('.'), 0))) {
            java.util.logging.Logger existing = manager.getLogger(candidate);
            if (existing != null && existing.getLevel() != null) {
                return existing.getLevel();
            }
            String configured = manager.getProperty(candidate + ".level");
            if (configured != null) {
                try {
                    return Level.parse(configured.trim());
                }
                catch (IllegalArgumentException ex) {
                    // an unreadable level in logging.properties: the JDK ignores it too
                }
            }
        }
        java.util.logging.Logger root = manager.getLogger("");
        return (root != null && root.getLevel() != null) ? root.getLevel() : Level.INFO;
    }
}
