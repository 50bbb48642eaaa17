package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.RetryBackoff;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.fail;

/**
 * Small helpers of the hardening tests: settings and options pointing an engine at an emulator (or any
 * endpoint), waiting for conditions, capturing the log and listing the engine's threads.
 */
final class Hardening {

    static final String SESSION = "my-sso";

    static final String ACCOUNT = "111122223333";

    static final String ROLE = "ReadOnly";

    static final String START_URL = "https://d-0000000000.awsapps.com/start";

    static final String SSO_REGION = "us-east-1";

    private Hardening() {
    }

    static SsoSettings settings() {
        return new SsoSettings(new SettingsSource("dev", Path.of("/home/dev/.aws/config")), SESSION, START_URL,
                SSO_REGION, ACCOUNT, ROLE, List.of("sso:account:access"), "eu-west-1");
    }

    /** Options with timings fit for seconds-long lifetimes, every call going to {@code endpoint}. */
    static EngineOptions.Builder options(java.net.URI endpoint, Path cacheDir) {
        return EngineOptions.builder(cacheDir)
            .endpoints(SsoEndpoints.all(endpoint))
            .checkInterval(Duration.ofMillis(50))
            .backoff(new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400)))
            .credentialsStaleMargin(Duration.ofMillis(500))
            .callerWait(Duration.ofSeconds(10))
            .timeouts(new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + limit + " waiting until " + what);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting until " + what);
            }
        }
    }

    /** Names of the live threads of the engines ({@code aws-sso-*}). */
    static Set<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter((name) -> name.startsWith("aws-sso-"))
            .collect(Collectors.toSet());
    }

    /** Collects what the engine logs. */
    static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.awssso");

        LogCapture() {
            start();
            this.logger.addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent event) {
            this.events.add(event);
        }

        /** Formatted messages at WARN or above. */
        List<String> warnings() {
            return this.events.stream()
                .filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        }

        /** Every formatted message, with the messages of attached exceptions. */
        String all() {
            StringBuilder text = new StringBuilder();
            for (ILoggingEvent event : this.events) {
                text.append(event.getFormattedMessage()).append('\n');
                for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                    text.append(thrown.getMessage()).append('\n');
                }
            }
            return text.toString();
        }

        @Override
        public void close() {
            this.logger.detachAppender(this);
            stop();
        }
    }
}
