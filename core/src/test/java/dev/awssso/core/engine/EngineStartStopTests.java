package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Creating an engine and starting it are two steps: a created engine serves credentials when asked but runs no
 * maintenance and delivers no event; {@code start()} starts both, delivering the events held until then;
 * {@code stop()} pauses them again; {@code close()} ends every thread.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class EngineStartStopTests {

    @TempDir
    Path cacheDir;

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private IdentityCenterEmulator emulator;

    private Set<Thread> threadsBefore;

    private SsoEngine engine;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        this.threadsBefore = engineThreads();
    }

    @AfterEach
    void close() {
        if (this.engine != null) {
            this.engine.close();
        }
    }

    @Test
    void aCreatedEngineRunsNoThreadUntilStarted() {
        this.engine = create();

        assertThat(this.engine.isRunning()).isFalse();
        assertThat(this.engine.status().identity().accountId()).isEqualTo(EngineFixture.ACCOUNT);
        assertThat(newEngineThreads()).as("threads of a created engine").isEmpty();

        this.engine.start();

        assertThat(this.engine.isRunning()).isTrue();
        assertThat(newEngineThreads()).as("threads of a started engine")
            .anySatisfy((thread) -> assertThat(thread.getName()).contains("-refresh-"));
    }

    @Test
    void servesCredentialsBeforeItStartsAndDeliversTheirEventOnceStarted() {
        this.engine = create();

        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        this.engine.addListener(this.events::add);
        this.engine.start();

        Eventually.await("the held event is delivered", Duration.ofSeconds(10), () -> !this.events.isEmpty());
        assertThat(this.events).first().isInstanceOf(SessionEvent.CredentialsRefreshed.class);
    }

    @Test
    void theSignInFoundWhenCreatedIsNoEvent() {
        this.engine = create();
        this.engine.addListener(this.events::add);
        this.engine.start();

        this.engine.credentialsProvider().refreshNow();

        Eventually.await("the refresh event is delivered", Duration.ofSeconds(10), () -> !this.events.isEmpty());
        assertThat(this.events).extracting(Object::getClass)
            .containsExactly(SessionEvent.CredentialsRefreshed.class);
    }

    @Test
    void holdsEventsWhileStoppedAndDeliversThemInOrderWhenStartedAgain() {
        this.engine = create();
        this.engine.start();
        this.engine.stop();
        assertThat(this.engine.isRunning()).isFalse();

        this.engine.credentialsProvider().refreshNow();
        this.engine.tokens().refreshNow();
        this.engine.addListener(this.events::add);
        this.engine.start();
        this.engine.credentialsProvider().refreshNow();

        Eventually.await("three events are delivered", Duration.ofSeconds(10), () -> this.events.size() == 3);
        assertThat(this.events).extracting(Object::getClass)
            .containsExactly(SessionEvent.CredentialsRefreshed.class, SessionEvent.TokenRefreshed.class,
                    SessionEvent.CredentialsRefreshed.class);
    }

    @Test
    void closeEndsEveryThreadAndAClosedEngineCannotStart() {
        this.engine = create();
        this.engine.start();
        this.engine.credentialsProvider().resolveCredentials();

        this.engine.close();

        Eventually.await("the engine's threads end", Duration.ofSeconds(30), () -> newEngineThreads().isEmpty());
        assertThat(this.engine.isRunning()).isFalse();
        assertThatIllegalStateException().isThrownBy(this.engine::start).withMessageContaining("closed");
    }

    private SsoEngine create() {
        return SsoEngine.create(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, this.cacheDir).build());
    }

    private Set<Thread> newEngineThreads() {
        Set<Thread> threads = engineThreads();
        threads.removeAll(this.threadsBefore);
        return threads;
    }

    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter((thread) -> thread.getName().startsWith("aws-sso-") && thread.isAlive())
            .collect(Collectors.toSet());
    }
}
