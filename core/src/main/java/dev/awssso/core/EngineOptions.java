package dev.awssso.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.awssso.core.refresh.RetryBackoff;

/**
 * How the engine works: where the token cache is, when tokens and credentials are refreshed, how often the
 * cache file is checked, which endpoints are called and how long calls may take. Build with
 * {@link #builder(Path)}; every other setting has a default.
 *
 * @param cacheDirectory directory of the token cache, usually {@code ~/.aws/sso/cache}
 * @param tokenRefreshWindow how long before expiry the access token is refreshed (AWS CLI: 15 minutes)
 * @param credentialsRefreshWindow how long before expiry the role credentials are fetched again
 * @param credentialsStaleMargin how long before expiry role credentials are withdrawn at most
 * @param checkInterval how often the cache file and the expiries are checked in the background
 * @param backoff waits between failed attempts
 * @param callerWait longest time in all a caller waits for credentials, a token refresh included
 * @param endpoints endpoint overrides
 * @param timeouts time limits of calls to AWS
 * @param sessionDuration how long an Identity Center session lasts (set by the administrator), to estimate
 *     when it ends
 * @param expiryWarnings how long before the session ends to warn, once each
 * @param loginTimeout how long a sign-in started from the application waits for the user
 */
public record EngineOptions(Path cacheDirectory, Duration tokenRefreshWindow, Duration credentialsRefreshWindow,
        Duration credentialsStaleMargin, Duration checkInterval, RetryBackoff backoff, Duration callerWait,
        SsoEndpoints endpoints, CallTimeouts timeouts, Duration sessionDuration, List<Duration> expiryWarnings,
        Duration loginTimeout) {

    /** Default token refresh window: 15 minutes. */
    public static final Duration DEFAULT_TOKEN_REFRESH_WINDOW = Duration.ofMinutes(15);

    /** Default credentials refresh window: 5 minutes. */
    public static final Duration DEFAULT_CREDENTIALS_REFRESH_WINDOW = Duration.ofMinutes(5);

    /** Default interval of the background checks: 1 second. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** Default longest wait of an application thread for role credentials: 10 seconds. */
    public static final Duration DEFAULT_CALLER_WAIT = Duration.ofSeconds(10);

    /** Default length of an IAM Identity Center session: 8 hours. */
    public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(8);

    /** Default warnings before the session ends: 30, 10 and 5 minutes. */
    public static final List<Duration> DEFAULT_EXPIRY_WARNINGS = List.of(Duration.ofMinutes(30),
            Duration.ofMinutes(10), Duration.ofMinutes(5));

    /** Default longest wait of a sign-in for the user: 10 minutes. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofMinutes(10);

    public EngineOptions {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        requirePositive(tokenRefreshWindow, "tokenRefreshWindow");
        requirePositive(credentialsRefreshWindow, "credentialsRefreshWindow");
        requirePositive(credentialsStaleMargin, "credentialsStaleMargin");
        requirePositive(checkInterval, "checkInterval");
        requirePositive(callerWait, "callerWait");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(timeouts, "timeouts");
        requirePositive(sessionDuration, "sessionDuration");
        expiryWarnings = List.copyOf(expiryWarnings);
        expiryWarnings.forEach((warning) -> requirePositive(warning, "expiryWarnings"));
        requirePositive(loginTimeout, "loginTimeout");
    }

    /** The longest warning threshold: from then on the session counts as expiring. */
    public Duration expiringWithin() {
        return this.expiryWarnings.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Options with every default and the given cache directory. */
    public static Builder builder(Path cacheDirectory) {
        return new Builder(cacheDirectory);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    /** Builds {@link EngineOptions}. */
    public static final class Builder {

        private final Path cacheDirectory;

        private Duration tokenRefreshWindow = DEFAULT_TOKEN_REFRESH_WINDOW;

        private Duration credentialsRefreshWindow = DEFAULT_CREDENTIALS_REFRESH_WINDOW;

        private Duration credentialsStaleMargin = Duration.ofMinutes(1);

        private Duration checkInterval = DEFAULT_CHECK_INTERVAL;

        private RetryBackoff backoff = RetryBackoff.DEFAULT;

        private Duration callerWait = DEFAULT_CALLER_WAIT;

        private SsoEndpoints endpoints = SsoEndpoints.DEFAULT;

        private CallTimeouts timeouts = CallTimeouts.DEFAULT;

        private Duration sessionDuration = DEFAULT_SESSION_DURATION;

        private List<Duration> expiryWarnings = DEFAULT_EXPIRY_WARNINGS;

        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;

        private Builder(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
        }

        /** How long before expiry the access token is refreshed (default 15 minutes). */
        public Builder tokenRefreshWindow(Duration window) {
            this.tokenRefreshWindow = window;
            return this;
        }

        /** How long before expiry role credentials are fetched again (default 5 minutes). */
        public Builder credentialsRefreshWindow(Duration window) {
            this.credentialsRefreshWindow = window;
            return this;
        }

        /** How long before expiry role credentials are withdrawn at most (default 1 minute). */
        public Builder credentialsStaleMargin(Duration margin) {
            this.credentialsStaleMargin = margin;
            return this;
        }

        /** How often the cache file and expiries are checked (default 1 second). */
        public Builder checkInterval(Duration interval) {
            this.checkInterval = interval;
            return this;
        }

        /** Waits between failed attempts (default 1 second doubling to 1 minute). */
        public Builder backoff(RetryBackoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** Longest time in all a caller waits for credentials, a token refresh included (default 10 seconds). */
        public Builder callerWait(Duration wait) {
            this.callerWait = wait;
            return this;
        }

        /** Endpoint overrides (default: the SDK's endpoints). */
        public Builder endpoints(SsoEndpoints endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        /** Time limits of calls to AWS (default {@link CallTimeouts#DEFAULT}). */
        public Builder timeouts(CallTimeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        /** How long an Identity Center session lasts, to estimate when it ends (default 8 hours). */
        public Builder sessionDuration(Duration duration) {
            this.sessionDuration = duration;
            return this;
        }

        /** How long before the session ends to warn, once each (default 30, 10 and 5 minutes). */
        public Builder expiryWarnings(List<Duration> warnings) {
            this.expiryWarnings = warnings;
            return this;
        }

        /** How long a sign-in started from the application waits for the user (default 10 minutes). */
        public Builder loginTimeout(Duration timeout) {
            this.loginTimeout = timeout;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(this.cacheDirectory, this.tokenRefreshWindow, this.credentialsRefreshWindow,
                    this.credentialsStaleMargin, this.checkInterval, this.backoff, this.callerWait, this.endpoints,
                    this.timeouts, this.sessionDuration, this.expiryWarnings, this.loginTimeout);
        }
    }
}
