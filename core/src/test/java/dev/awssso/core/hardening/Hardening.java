package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.RetryBackoff;


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

    /** Names of the live threads of the engines ({@code aws-sso-*}). */
    static Set<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter((name) -> name.startsWith("aws-sso-"))
            .collect(Collectors.toSet());
    }
}
