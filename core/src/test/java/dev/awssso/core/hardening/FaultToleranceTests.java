package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.engine.ClockedEmulatorExtension;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SdkAttempts;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of fault on both operations of the refresh path ({@code CreateToken}, {@code GetRoleCredentials}):
 * the valid credentials keep being served, the state says {@code REFRESH_FAILING} with the reason, attempts are
 * bounded and spaced by the backoff, and the engine recovers by itself once the faults stop. The cases run side
 * by side: each has an emulator, a clock and a cache of its own, and mostly waits for timeouts.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class FaultToleranceTests {

    /** Read 1 s, whole call 2 s: a slow answer fails fast, a loaded machine answers in time. */
    static final CallTimeouts TIMEOUTS = new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    /**
     * Read 1 s, but time for the SDK's own retries ({@link SdkAttempts}; throttling waits longer) so that the error
     * of the last attempt is what the engine reports.
     */
    static final CallTimeouts FAULT_TIMEOUTS = new CallTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    /** The backoff of {@link Hardening#options}: 50 ms doubling to 400 ms. */
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    /** Failed attempts each fault case waits for: the first, and a retry after the backoff. */
    static final int FAILED_ATTEMPTS = 2;

    /** Inside the refresh window of a token valid for an hour (15 minutes before expiry). */
    static final Duration INTO_TOKEN_REFRESH = Duration.ofMinutes(50);

    /** Inside the refresh window of credentials valid for an hour (5 minutes), before they go stale. */
    static final Duration INTO_CREDENTIALS_REFRESH = Duration.ofMinutes(56);

    /** Requests one engine attempt makes at most: 4 SDK attempts, and HttpURLConnection resends a reset GET. */
    static final int REQUESTS_PER_ATTEMPT = 8;

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    static Stream<Arguments> faults() {
        List<Arguments> all = new ArrayList<>();
        for (Operation operation : List.of(Operation.GET_ROLE_CREDENTIALS, Operation.CREATE_TOKEN)) {
            all.add(Arguments.of(operation, "500", Fault.status(500, "InternalServerException"),
                    "InternalServerException"));
            all.add(Arguments.of(operation, "503", Fault.status(503, "ServiceUnavailableException"),
                    "ServiceUnavailableException"));
            all.add(Arguments.of(operation, "429 throttling", Fault.status(429, "TooManyRequestsException"),
                    "TooManyRequestsException"));
            all.add(Arguments.of(operation, "slower than the read timeout", Fault.delay(Duration.ofSeconds(3)),
                    "SocketTimeoutException"));
            all.add(Arguments.of(operation, "connection reset", Fault.connectionReset(), "SocketException"));
            all.add(Arguments.of(operation, "malformed JSON", Fault.malformedJson(), "JsonEOFException"));
            all.add(Arguments.of(operation, "unknown error type", Fault.status(418, "TeapotException"),
                    "TeapotException"));
        }
        return all.stream();
    }

    /**
     * The engine's clock stands still while a call fails (however long the SDK's own retries take), so the
     * credentials never run out under the test; it moves by the longest backoff between attempts.
     * @param reason what the status must name
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    @Execution(ExecutionMode.CONCURRENT)
    void faultsAreRetriedWithBackoffWhileValidCredentialsAreServedAndRecoveredFrom(Operation operation,
            String name, Fault fault, String reason, IdentityCenterEmulator emulator, MovableClock clock) {
        boolean token = operation == Operation.CREATE_TOKEN;
        if (token) {
            // A CreateToken answer lost after the service rotated the refresh token ends the session for any
            // client (aCreateTokenAnswerLostAfterTheServiceRotatedTheRefreshTokenEndsTheSessionCleanly): a slow
            // answer, or any answer on a loaded machine, may come after the read timeout. Here the service keeps
            // the refresh token.
            emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);
        }
        EmulatedSession session = emulator.signIn(Hardening.SESSION);
        session.writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, FAULT_TIMEOUTS, clock);
        List<RefreshFailure> failures = new CopyOnWriteArrayList<>();
        RefreshKind kind = token ? RefreshKind.TOKEN : RefreshKind.CREDENTIALS;
        engine.addListener((event) -> {
            if (event instanceof SessionEvent.RefreshFailed failed && failed.kind() == kind) {
                failures.add(failed.failure());
            }
        });
        AwsSessionCredentials first = engine.credentialsProvider().resolveCredentials();
        emulator.injectFault(operation, fault);
        long callsBefore = emulator.callCount(operation);

        clock.advance(token ? INTO_TOKEN_REFRESH : INTO_CREDENTIALS_REFRESH);
        awaitFailedAttempts(1, failures, engine, first, clock);
        SessionStatus failing = engine.status();
        assertThat(String.join("\n", failing.warnings())).contains(reason)
            .contains(token ? "CreateToken" : "GetRoleCredentials");
        RefreshRecord lastRefresh = token ? failing.token().lastRefresh() : failing.credentials().lastRefresh();
        assertThat(lastRefresh.succeeded()).isFalse();
        assertThat(lastRefresh.errorType()).isEqualTo(reason);
        assertThat(failing.nextAction()).contains("retried in the background");

        for (int attempt = 2; attempt <= FAILED_ATTEMPTS; attempt++) {
            clock.advance(BACKOFF.max());
            awaitFailedAttempts(attempt, failures, engine, first, clock);
        }
        // the clock stands still after the last failure, so no further attempt can have started
        long calls = emulator.callCount(operation) - callsBefore;
        List<RefreshFailure> attempts = List.copyOf(failures);
        System.out.printf("%s %s: %d failed attempts, %d requests%n", operation, name, attempts.size(), calls);
        assertThat(attempts).hasSize(FAILED_ATTEMPTS)
            .allSatisfy((failure) -> assertThat(failure.errorType()).isEqualTo(reason));
        assertThat(calls).as("bounded retries").isLessThanOrEqualTo(REQUESTS_PER_ATTEMPT * (long) FAILED_ATTEMPTS);
        for (int i = 1; i < attempts.size(); i++) {
            Duration leastWait = (attempts.get(i - 1).kind() == FailureKind.TRANSIENT)
                    ? leastDelayAfter(i) : BACKOFF.max();
            assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()))
                .as("time between failure %d and %d", i, i + 1)
                .isGreaterThanOrEqualTo(leastWait);
        }

        emulator.clearFaults();
        // recovered once the refresh has succeeded, not at the first moment the state reads ACTIVE again
        Eventually.await("recovered by itself", Duration.ofSeconds(30), () -> {
            clock.advance(BACKOFF.max());
            RefreshRecord last = token ? engine.status().token().lastRefresh()
                    : engine.status().credentials().lastRefresh();
            return engine.status().state() == SessionState.ACTIVE && last != null && last.succeeded();
        });
        if (token) {
            assertThat(engine.tokens().currentToken().orElseThrow().accessToken()).isNotEqualTo(session.accessToken());
            assertThat(engine.status().token().lastRefresh().succeeded()).isTrue();
        }
        else {
            assertThat(engine.credentialsProvider().currentCredentials().orElseThrow().accessKeyId())
                .isNotEqualTo(first.accessKeyId());
            assertThat(engine.status().credentials().lastRefresh().succeeded()).isTrue();
        }
        assertThat(engine.status().warnings()).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCreateTokenAnswerLostAfterTheServiceRotatedTheRefreshTokenEndsTheSessionCleanly(
            IdentityCenterEmulator emulator, MovableClock clock) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, TIMEOUTS, clock);
        engine.credentialsProvider().resolveCredentials();
        // the service rotates the refresh token, but its answers come after the client gave up (every SDK attempt)
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(TIMEOUTS.call().plusSeconds(1)).times(4));
        clock.advance(INTO_TOKEN_REFRESH);

        Eventually.await("the session is reported as ended", Duration.ofSeconds(20), () -> {
            // each failed attempt waits out its backoff on the engine's clock
            clock.advance(BACKOFF.max());
            return engine.status().state() == SessionState.EXPIRED;
        });
        assertThat(engine.status().warnings()).anySatisfy((warning) -> assertThat(warning)
            .contains("InvalidGrantException"));
        assertThat(engine.status().nextAction()).contains("aws sso login --sso-session my-sso");
        long calls = emulator.callCount(Operation.CREATE_TOKEN);
        clock.advance(Duration.ofMinutes(1));
        // twenty check intervals: time for a retry the engine must not make
        Instant quietUntil = Instant.now().plusSeconds(1);
        Eventually.await("a second passed", Duration.ofSeconds(30), () -> Instant.now().isAfter(quietUntil));
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("no retry once the session ended").isEqualTo(calls);
    }

    /**
     * Waits until {@code count} refresh attempts have failed and the state says so, checking meanwhile that the
     * first credentials keep being served and are valid on the engine's clock. (The token manager reports a
     * failure to the listeners before it records it for the status.)
     */
    private static void awaitFailedAttempts(int count, List<RefreshFailure> failures, SsoEngine engine,
            AwsSessionCredentials first, MovableClock clock) {
        Eventually.await(count + " failed attempts", Duration.ofSeconds(20), () -> {
            AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();
            assertThat(served).as("the valid credentials keep being served").isSameAs(first);
            assertThat(served.expirationTime().orElseThrow()).isAfter(clock.instant());
            return failures.size() >= count && engine.status().state() == SessionState.REFRESH_FAILING;
        });
    }

    /** The least wait {@link #BACKOFF} makes after {@code failures} failures in a row: half its ceiling. */
    private static Duration leastDelayAfter(int failures) {
        long ceiling = Math.min(BACKOFF.max().toMillis(), BACKOFF.initial().toMillis() << (failures - 1));
        return Duration.ofMillis(ceiling / 2);
    }

    private SsoEngine start(IdentityCenterEmulator emulator, CallTimeouts timeouts, MovableClock clock) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir).timeouts(timeouts).build(), clock);
        this.engines.add(engine);
        return engine;
    }
}
