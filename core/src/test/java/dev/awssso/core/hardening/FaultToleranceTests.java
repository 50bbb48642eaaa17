package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.awssso.core.Eventually;
import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.SsoSessionException;
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
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of fault on both operations of the refresh path ({@code CreateToken}, {@code GetRoleCredentials}):
 * the valid credentials keep being served, the state says {@code REFRESH_FAILING} with the reason, attempts are
 * bounded and spaced by the backoff, and the engine recovers by itself once the faults stop.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class FaultToleranceTests {

    /** Read 300 ms, whole call 1 s: a slow answer fails fast. */
    static final CallTimeouts TIMEOUTS = new CallTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300),
            Duration.ofSeconds(1));

    /**
     * Read 300 ms, but time for the SDK's own retries (4 attempts; throttling waits longer) so that the error of
     * the last attempt is what the engine reports.
     */
    static final CallTimeouts FAULT_TIMEOUTS = new CallTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300),
            Duration.ofSeconds(5));

    /** The backoff of {@link Hardening#options}: 50 ms doubling to 400 ms. */
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    /** Requests one engine attempt makes at most: 4 SDK attempts, and HttpURLConnection resends a reset GET. */
    static final int REQUESTS_PER_ATTEMPT = 8;

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        this.engines.forEach(SsoEngine::close);
    }

    static Stream<Arguments> faults() {
        List<Arguments> all = new ArrayList<>();
        for (Operation operation : List.of(Operation.GET_ROLE_CREDENTIALS, Operation.CREATE_TOKEN)) {
            all.add(Arguments.of(operation, "500", Fault.status(500, "InternalServerException"),
                    "InternalServerException", 4));
            all.add(Arguments.of(operation, "503", Fault.status(503, "ServiceUnavailableException"),
                    "ServiceUnavailableException", 4));
            all.add(Arguments.of(operation, "429 throttling", Fault.status(429, "TooManyRequestsException"),
                    "TooManyRequestsException", 8));
            all.add(Arguments.of(operation, "slower than the read timeout", Fault.delay(Duration.ofSeconds(2)),
                    "SocketTimeoutException", 6));
            all.add(Arguments.of(operation, "connection reset", Fault.connectionReset(), "SocketException", 4));
            all.add(Arguments.of(operation, "malformed JSON", Fault.malformedJson(), "JsonEOFException", 4));
            all.add(Arguments.of(operation, "unknown error type", Fault.status(418, "TeapotException"),
                    "TeapotException", 4));
        }
        return all.stream();
    }

    /**
     * @param reason what the status must name
     * @param credentialsSeconds lifetime of the role credentials of a {@code GetRoleCredentials} case: long enough
     *     for the first failure (after the SDK's own retries) to arrive before they are withdrawn
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    void faultsAreRetriedWithBackoffWhileValidCredentialsAreServedAndRecoveredFrom(Operation operation,
            String name, Fault fault, String reason, int credentialsSeconds, IdentityCenterEmulator emulator) {
        boolean token = operation == Operation.CREATE_TOKEN;
        if (token) {
            emulator.setTokenLifetime(Duration.ofSeconds(3));
            emulator.setCredentialsLifetime(Duration.ofHours(1));
            if (fault.toString().contains("delay")) {
                // A CreateToken answer lost after the service rotated the refresh token ends the session for any
                // client (aCreateTokenAnswerLostAfterTheServiceRotatedTheRefreshTokenEndsTheSessionCleanly); here
                // the service keeps the refresh token.
                emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);
            }
        }
        else {
            emulator.setCredentialsLifetime(Duration.ofSeconds(credentialsSeconds));
        }
        EmulatedSession session = emulator.signIn(Hardening.SESSION);
        session.writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, FAULT_TIMEOUTS);
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

        Eventually.await("the state is REFRESH_FAILING", Duration.ofSeconds(15), () -> {
            AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();
            assertThat(served).as("the valid credentials keep being served").isSameAs(first);
            assertThat(served.expirationTime().orElseThrow()).isAfter(Instant.now());
            return engine.status().state() == SessionState.REFRESH_FAILING;
        });
        SessionStatus failing = engine.status();
        assertThat(String.join("\n", failing.warnings())).contains(reason)
            .contains(token ? "CreateToken" : "GetRoleCredentials");
        RefreshRecord lastRefresh = token ? failing.token().lastRefresh() : failing.credentials().lastRefresh();
        assertThat(lastRefresh.succeeded()).isFalse();
        assertThat(lastRefresh.errorType()).isEqualTo(reason);
        assertThat(failing.nextAction()).contains("retried in the background");

        Instant windowEnd = Instant.now().plusSeconds(1);
        Eventually.await("a second of failing refreshes passed", Duration.ofSeconds(10), () -> {
            try {
                AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();
                assertThat(served).isSameAs(first);
                assertThat(served.expirationTime().orElseThrow()).isAfter(Instant.now());
            }
            catch (SsoSessionException ex) {
                assertThat(token).as("credentials valid for an hour are never withdrawn").isFalse();
                assertThat(first.expirationTime().orElseThrow()).as("withdrawn only shortly before they expire")
                    .isBefore(Instant.now().plusMillis(600));
            }
            return Instant.now().isAfter(windowEnd) && !failures.isEmpty();
        });
        long calls = emulator.callCount(operation) - callsBefore;
        List<RefreshFailure> attempts = List.copyOf(failures);
        System.out.printf("%s %s: %d failed attempts, %d requests, ms between failures %s%n", operation, name,
                attempts.size(), calls, gaps(attempts));
        assertThat(attempts).allSatisfy((failure) -> assertThat(failure.errorType()).isEqualTo(reason));
        assertThat(calls).as("bounded retries").isLessThanOrEqualTo(REQUESTS_PER_ATTEMPT * (attempts.size() + 1L));
        for (int i = 1; i < attempts.size(); i++) {
            Duration leastWait = (attempts.get(i - 1).kind() == FailureKind.TRANSIENT)
                    ? leastDelayAfter(i) : BACKOFF.max();
            assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()))
                .as("time between failure %d and %d", i, i + 1)
                .isGreaterThanOrEqualTo(leastWait.minusMillis(5));
        }

        emulator.clearFaults();
        Eventually.await("recovered by itself", Duration.ofSeconds(10),
                () -> engine.status().state() == SessionState.ACTIVE);
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
    void aCreateTokenAnswerLostAfterTheServiceRotatedTheRefreshTokenEndsTheSessionCleanly(
            IdentityCenterEmulator emulator) {
        emulator.setTokenLifetime(Duration.ofSeconds(2));
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(emulator, TIMEOUTS);
        engine.credentialsProvider().resolveCredentials();
        // the service rotates the refresh token, but its answers come after the client gave up (every SDK attempt)
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.delay(Duration.ofMillis(600)).times(4));

        Eventually.await("the session is reported as ended", Duration.ofSeconds(10),
                () -> engine.status().state() == SessionState.EXPIRED);
        assertThat(engine.status().warnings()).anySatisfy((warning) -> assertThat(warning)
            .contains("InvalidGrantException"));
        assertThat(engine.status().nextAction()).contains("aws sso login --sso-session my-sso");
        long calls = emulator.callCount(Operation.CREATE_TOKEN);
        Instant quietUntil = Instant.now().plusSeconds(1);
        Eventually.await("a second passed", Duration.ofSeconds(3), () -> Instant.now().isAfter(quietUntil));
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("no retry once the session ended").isEqualTo(calls);
    }

    /** The least wait {@link #BACKOFF} makes after {@code failures} failures in a row: half its ceiling. */
    private static Duration leastDelayAfter(int failures) {
        long ceiling = Math.min(BACKOFF.max().toMillis(), BACKOFF.initial().toMillis() << (failures - 1));
        return Duration.ofMillis(ceiling / 2);
    }

    private static List<Long> gaps(List<RefreshFailure> attempts) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()).toMillis());
        }
        return gaps;
    }

    private SsoEngine start(IdentityCenterEmulator emulator, CallTimeouts timeouts) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir).timeouts(timeouts).build());
        this.engines.add(engine);
        return engine;
    }
}
