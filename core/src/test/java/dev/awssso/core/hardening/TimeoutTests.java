package dev.awssso.core.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.ClockedEmulatorExtension;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SdkAttempts;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import dev.awssso.emulator.RefreshTokenMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every call to AWS is bounded by the connect, read and overall call timeouts; a caller waiting for another's
 * fetch by the caller wait; and closing the engine ends its threads at once, even while a call hangs. The
 * engine's clock stands still, so a failed call is not retried in the background under the test, and times are
 * checked against the next larger limit rather than against the scheduler.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class TimeoutTests {

    private static final Duration HANG = Duration.ofSeconds(30);

    /**
     * The tests run side by side, mostly waiting for timeouts; the one that counts the engine threads left
     * after {@code close()} runs alone.
     */
    private static final String ENGINE_THREADS = "aws-sso engine threads";

    /** Far below every limit a test checks it is not the one that ended a call. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    private MovableClock clock;

    @BeforeEach
    void shareTheClock(MovableClock clock) {
        this.clock = clock;
    }

    @Test
    void defaultsBoundEveryCall() {
        CallTimeouts defaults = EngineOptions.builder(this.cacheDir).build().timeouts();
        assertThat(defaults).isEqualTo(CallTimeouts.DEFAULT);
        assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.read()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.call()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void aConnectionThatIsNeverAcceptedIsGivenUpAfterTheConnectTimeout(IdentityCenterEmulator emulator)
            throws IOException {
        try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Backlog backlog = Backlog.fill(blackHole)) {
            URI unanswered = URI.create("http://127.0.0.1:" + blackHole.getLocalPort());
            SsoEngine engine = signedIn(emulator, new SsoEndpoints(emulator.endpoint(), unanswered, null),
                    new CallTimeouts(Duration.ofMillis(300), Duration.ofSeconds(20), Duration.ofSeconds(40)));

            Duration took = failedResolve(engine, "SocketTimeoutException", "onnect timed out");

            // each of the SDK's attempts ends at the connect timeout, far from the read and call timeouts
            assertThat(took).isBetween(Duration.ofMillis(300), PROMPT);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void aClosedPortFailsAtOnce(IdentityCenterEmulator emulator) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SsoEngine engine = signedIn(emulator,
                new SsoEndpoints(emulator.endpoint(), URI.create("http://127.0.0.1:" + closedPort), null),
                new CallTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(40)));

        assertThat(failedResolve(engine, "ConnectException", "Connection refused")).isLessThan(PROMPT);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = { "CREATE_TOKEN", "GET_ROLE_CREDENTIALS" })
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void anAnswerSlowerThanTheReadTimeoutIsGivenUp(Operation operation, IdentityCenterEmulator emulator) {
        SsoEngine engine = engineNeeding(operation, emulator,
                new CallTimeouts(Duration.ofSeconds(20), Duration.ofMillis(300), Duration.ofSeconds(40)));
        emulator.injectFault(operation, Fault.delay(HANG));

        Duration took = failedResolve(engine, "SocketTimeoutException", "Read timed out");

        assertThat(took).isBetween(Duration.ofMillis(300), PROMPT);
        assertThat(emulator.callCount(operation)).as("the SDK's own attempts").isEqualTo(SdkAttempts.PER_CALL);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = { "CREATE_TOKEN", "GET_ROLE_CREDENTIALS" })
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void aCallIsGivenUpAfterTheCallTimeoutWhateverItsAttemptsDo(Operation operation,
            IdentityCenterEmulator emulator) {
        SsoEngine engine = engineNeeding(operation, emulator,
                new CallTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMillis(700)));
        emulator.injectFault(operation, Fault.delay(HANG));

        Duration took = failedResolve(engine, "ApiCallTimeoutException", "700 millis");

        assertThat(took).isBetween(Duration.ofMillis(700), PROMPT);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void callersGiveUpAfterTheCallerWaitWhileTheFetchGoesOn(IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(Hardening.options(emulator.endpoint(), this.cacheDir)
            .callerWait(Duration.ofMillis(500))
            .timeouts(new CallTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(40))));
        // the answer is held until both callers have given up: no caller can have waited for it
        CountDownLatch answer = new CountDownLatch(1);
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.holdUntil(answer).times(1));
        CompletableFuture<Object> first = CompletableFuture
            .supplyAsync(() -> engine.credentialsProvider().resolveCredentials());
        Eventually.await("the fetch is under way", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) > 0);

        try {
            long started = System.nanoTime();
            assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
                .withMessageContaining("Timed out after 500ms waiting for the credentials of role");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
            assertThat(first).as("the first caller gives up too").failsWithin(PROMPT);
        }
        finally {
            answer.countDown();
        }

        Eventually.await("the fetch has gone on", Duration.ofSeconds(10),
                () -> engine.credentialsProvider().currentCredentials().isPresent());
        engine.credentialsProvider().resolveCredentials();
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("one fetch served them all").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = { "CREATE_TOKEN", "GET_ROLE_CREDENTIALS" })
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(ENGINE_THREADS)
    void closingWhileARefreshCallHangsReturnsAtOnceAndLeavesNoThread(Operation operation,
            IdentityCenterEmulator emulator) {
        boolean token = operation == Operation.CREATE_TOKEN;
        // the credentials' refresh is due 5 minutes before they expire, the token's 15 minutes before
        emulator.setTokenLifetime(token ? Duration.ofHours(1) : Duration.ofHours(4));
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        Set<String> threadsBefore = Hardening.engineThreads();
        SsoEngine engine = start(Hardening.options(emulator.endpoint(), this.cacheDir)
            .timeouts(new CallTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120))));
        engine.credentialsProvider().resolveCredentials();
        long callsBefore = emulator.callCount(operation);
        emulator.injectFault(operation, Fault.delay(HANG));
        this.clock.advance(Duration.ofMinutes(token ? 50 : 56));
        Eventually.await("a background refresh call hangs", Duration.ofSeconds(10),
                () -> emulator.callCount(operation) > callsBefore);

        long started = System.nanoTime();
        engine.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("close() during a hanging %s took %d ms; threads left: %s%n", operation, took.toMillis(),
                threadsSince(threadsBefore));
        assertThat(took).as("long before the hanging call would end").isLessThan(PROMPT);
        Eventually.await("the threads of the closed engine ended", PROMPT,
                () -> threadsSince(threadsBefore).isEmpty());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = ENGINE_THREADS, mode = ResourceAccessMode.READ)
    void closingReleasesACallerWaitingForAHangingFirstFetch(IdentityCenterEmulator emulator) throws Exception {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = start(Hardening.options(emulator.endpoint(), this.cacheDir)
            .timeouts(new CallTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120))));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(HANG));
        CompletableFuture<Object> caller = CompletableFuture
            .supplyAsync(() -> engine.credentialsProvider().resolveCredentials());
        Eventually.await("the fetch is under way", Duration.ofSeconds(30),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) > 0);

        engine.close();

        long started = System.nanoTime();
        assertThat(caller).failsWithin(PROMPT)
            .withThrowableThat()
            .havingRootCause()
            .withMessageContaining("closed");
        System.out.printf("a caller waiting on a hanging fetch was released %d ms after close()%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Set<String> threadsSince(Set<String> before) {
        Set<String> threads = Hardening.engineThreads();
        threads.removeAll(before);
        return threads;
    }

    /** An engine whose next resolve needs {@code operation}: an expired token for CreateToken. */
    private SsoEngine engineNeeding(Operation operation, IdentityCenterEmulator emulator, CallTimeouts timeouts) {
        emulator.setRefreshTokenMode(RefreshTokenMode.REUSE);
        if (operation == Operation.CREATE_TOKEN) {
            EmulatedSession session = emulator.signIn(Hardening.SESSION);
            session.writeCacheFile(this.cacheDir);
            this.clock.set(session.expiresAt().plusSeconds(1));
            // no background check during the test: its refresh of the expired token would race the caller's, and
            // a caller that finds it failed refreshes once more, doubling the calls counted
            return start(Hardening.options(emulator.endpoint(), this.cacheDir).timeouts(timeouts)
                .checkInterval(Duration.ofHours(1)));
        }
        return signedIn(emulator, SsoEndpoints.all(emulator.endpoint()), timeouts);
    }

    private SsoEngine signedIn(IdentityCenterEmulator emulator, SsoEndpoints endpoints, CallTimeouts timeouts) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        return start(Hardening.options(emulator.endpoint(), this.cacheDir).endpoints(endpoints).timeouts(timeouts));
    }

    /** Resolves credentials, expecting a failure that names {@code errorType} and {@code detail}; how long it took. */
    private static Duration failedResolve(SsoEngine engine, String errorType, String detail) {
        long started = System.nanoTime();
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
            .withMessageContaining(errorType)
            .withMessageContaining(detail);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("%s (%s) after %d ms%n", errorType, detail, took.toMillis());
        return took;
    }

    private SsoEngine start(EngineOptions.Builder options) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(), options.build(), this.clock);
        this.engines.add(engine);
        return engine;
    }

    /**
     * Connections filling the accept queue of a server socket that never accepts: once it is full the kernel
     * drops further connection requests, so connecting hangs (on loopback, without a firewall rule).
     */
    private static final class Backlog implements AutoCloseable {

        private final List<Socket> sockets = new ArrayList<>();

        static Backlog fill(ServerSocket server) throws IOException {
            Backlog backlog = new Backlog();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort());
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(address, 200);
                    backlog.sockets.add(socket);
                }
                catch (SocketTimeoutException ex) {
                    socket.close();
                    return backlog;
                }
            }
            backlog.close();
            Assumptions.abort("The accept queue of a loopback socket could not be filled on this system");
            return backlog;
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : this.sockets) {
                socket.close();
            }
        }
    }
}
