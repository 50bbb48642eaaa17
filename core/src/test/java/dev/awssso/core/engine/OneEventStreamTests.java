package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of every role and every sign-in of a registry reach its listeners as one stream: one at a time, in
 * the order they happened, on one thread, whichever engine or role they come from.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class OneEventStreamTests {

    private static final String OTHER_SESSION = "other-sso";

    private static final String OTHER_ACCOUNT = "444455556666";

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    private RoleRegistry registry;

    @BeforeEach
    void start(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        emulator.signIn(OTHER_SESSION).writeCacheFile(this.cacheDir);
        this.engine = this.fixture.engine(emulator, this.cacheDir, clock);
        this.registry = this.fixture.registry(this.engine,
                RolesFixture.ssoRole(emulator, "tools", ACCOUNT, "AdministratorAccess"),
                new NamedRole("other", RolesFixture.settings(emulator, OTHER_SESSION, OTHER_ACCOUNT, "Admin"),
                        List.of()),
                new NamedRole("other-tools", RolesFixture.settings(emulator, OTHER_SESSION, OTHER_ACCOUNT, "Tools"),
                        List.of()));
    }

    @Test
    void everyRoleAndSignInReachesTheListenersOneAtATimeInOrderOnOneThread() throws InterruptedException {
        Recorder recorder = new Recorder();
        this.registry.addListener(recorder);
        SsoEngine other = this.registry.sessions().get(1);

        this.engine.credentialsProvider().resolveCredentials();
        assertThat(recorder.firstArrived.await(10, TimeUnit.SECONDS)).as("the first event arrived").isTrue();
        // while the listener holds on to the first event, every role and sign-in has something to tell
        this.registry.credentialsProvider("tools").resolveCredentials();
        this.registry.credentialsProvider("other").resolveCredentials();
        this.registry.credentialsProvider("other-tools").resolveCredentials();
        this.engine.tokens().refreshNow();
        other.tokens().refreshNow();
        this.engine.tokens().refreshNow();
        Eventually.await("every call was made", Duration.ofSeconds(10),
                () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 4
                        && this.emulator.callCount(Operation.CREATE_TOKEN) == 3);
        recorder.release.countDown();

        Eventually.await("every event is delivered", Duration.ofSeconds(10), () -> recorder.events.size() == 7);
        assertThat(recorder.events).filteredOn(SessionEvent.CredentialsRefreshed.class::isInstance)
            .map((event) -> ((SessionEvent.CredentialsRefreshed) event).role())
            .containsExactlyInAnyOrder("default", "tools", "other", "other-tools");
        assertThat(recorder.events).filteredOn(SessionEvent.TokenRefreshed.class::isInstance)
            .map((event) -> event.status().identity().sessionName())
            .as("the token refreshes in the order they happened")
            .containsExactly(SESSION, OTHER_SESSION, SESSION);
        assertThat(recorder.mostAtOnce).as("deliveries at once").hasValue(1);
        assertThat(recorder.threads).as("delivery threads").singleElement();
    }

    /** Holds on to the first event until released, and records how the events arrive. */
    private static final class Recorder implements SessionListener {

        final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        final AtomicInteger mostAtOnce = new AtomicInteger();

        final CountDownLatch firstArrived = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        private final AtomicInteger delivering = new AtomicInteger();

        @Override
        public void onEvent(SessionEvent event) {
            this.mostAtOnce.accumulateAndGet(this.delivering.incrementAndGet(), Math::max);
            try {
                this.threads.add(Thread.currentThread());
                this.events.add(event);
                if (this.firstArrived.getCount() > 0) {
                    this.firstArrived.countDown();
                    this.release.await(20, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                this.delivering.decrementAndGet();
            }
        }
    }
}
