package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A registry has the lifecycle of an engine: created, it serves credentials on demand, runs nothing and holds its
 * events; started, it runs the engines it created and delivers the events, the held ones first; stopped, it holds
 * them again.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class RoleRegistryLifecycleTests {

    private static final String OTHER_SESSION = "other-sso";

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        emulator.signIn(SESSION).writeCacheFile(this.cacheDir);
        emulator.signIn(OTHER_SESSION).writeCacheFile(this.cacheDir);
    }

    @Test
    void aCreatedRegistryServesCredentialsRunsNothingAndHoldsItsEventsUntilStarted() {
        SsoEngine engine = this.fixture.engine(this.emulator, this.cacheDir, this.clock);
        List<SessionEvent> engineEvents = new CopyOnWriteArrayList<>();
        engine.addListener(engineEvents::add);
        RoleRegistry registry = create(engine);
        registry.addListener(this.events::add);
        SsoEngine other = registry.sessions().get(1);

        assertThat(registry.isRunning()).isFalse();
        assertThat(other.isRunning()).as("the engine it created").isFalse();
        registry.roles().forEach((role) -> role.credentialsProvider().resolveCredentials());
        engine.tokens().refreshNow();
        other.tokens().refreshNow();
        Eventually.await("the running engine delivers its own events", Duration.ofSeconds(10),
                () -> engineEvents.size() == 2);
        assertThat(this.events).as("held").isEmpty();

        registry.start();

        assertThat(registry.isRunning()).isTrue();
        assertThat(other.isRunning()).isTrue();
        Eventually.await("the held events are delivered", Duration.ofSeconds(10), () -> this.events.size() == 5);
        assertThat(this.events).filteredOn(SessionEvent.CredentialsRefreshed.class::isInstance)
            .map((event) -> ((SessionEvent.CredentialsRefreshed) event).role())
            .containsExactlyInAnyOrder("default", "tools", "other");
        assertThat(sessionsOfTokenRefreshes()).containsExactly(SESSION, OTHER_SESSION);
    }

    @Test
    void aStoppedRegistryHoldsItsEventsAndDeliversThemWhenStartedAgain() {
        SsoEngine engine = this.fixture.engine(this.emulator, this.cacheDir, this.clock);
        RoleRegistry registry = create(engine);
        registry.addListener(this.events::add);
        SsoEngine other = registry.sessions().get(1);
        registry.start();

        registry.stop();
        other.tokens().refreshNow();
        engine.tokens().refreshNow();
        other.tokens().refreshNow();

        assertThat(registry.isRunning()).isFalse();
        assertThat(other.isRunning()).isFalse();
        assertThat(this.events).as("held").isEmpty();
        registry.start();
        Eventually.await("the held events are delivered", Duration.ofSeconds(10), () -> this.events.size() == 3);
        assertThat(sessionsOfTokenRefreshes()).containsExactly(OTHER_SESSION, SESSION, OTHER_SESSION);
    }

    @Test
    void theEventsTheDefaultEngineHeldBeforeTheRegistryWasCreatedAreDeliveredWhenItStarts() {
        SsoEngine engine = this.fixture.closedAfter(SsoEngine.create(RolesFixture.settings(this.emulator),
                RolesFixture.options(this.emulator, this.cacheDir).build(), this.clock));
        engine.tokens().refreshNow();
        engine.credentialsProvider().resolveCredentials();
        RoleRegistry registry = create(engine);
        registry.addListener(this.events::add);

        registry.start();

        Eventually.await("the engine's held events are delivered", Duration.ofSeconds(10),
                () -> this.events.size() == 2);
        assertThat(this.events).extracting(SessionEvent::getClass)
            .containsExactly(SessionEvent.TokenRefreshed.class, SessionEvent.CredentialsRefreshed.class);
    }

    @Test
    void aClosedRegistryCannotBeStarted() {
        SsoEngine engine = this.fixture.engine(this.emulator, this.cacheDir, this.clock);
        RoleRegistry registry = create(engine);

        registry.close();

        assertThatIllegalStateException().isThrownBy(registry::start).withMessageContaining("has been closed");
        assertThat(registry.sessions().get(1).isRunning()).isFalse();
    }

    private RoleRegistry create(SsoEngine engine) {
        return this.fixture.closedAfter(RoleRegistry.create(engine,
                List.of(RolesFixture.ssoRole(this.emulator, "tools", ACCOUNT, "AdministratorAccess"),
                        new NamedRole("other",
                                RolesFixture.settings(this.emulator, OTHER_SESSION, "444455556666", "Admin"),
                                List.of()))));
    }

    private List<String> sessionsOfTokenRefreshes() {
        return this.events.stream()
            .filter(SessionEvent.TokenRefreshed.class::isInstance)
            .map((event) -> event.status().identity().sessionName())
            .toList();
    }
}
