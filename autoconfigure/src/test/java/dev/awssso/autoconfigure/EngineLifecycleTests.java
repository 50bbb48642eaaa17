package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's background work runs while the context runs: no engine thread while beans are created, threads once
 * the context has refreshed, none after it closed. Credentials asked for while the context is being built are
 * served, and the events of that work reach the listener beans once the context runs.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class EngineLifecycleTests {

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    private Set<Thread> threadsBefore;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.sso-session=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint());
        this.threadsBefore = engineThreads();
    }

    @Test
    void threadsRunFromTheEndOfTheRefreshUntilTheContextCloses() {
        this.contextRunner.withUserConfiguration(ThreadProbe.class).run((context) -> {
            ThreadProbe probe = context.getBean(ThreadProbe.class);
            assertThat(probe.engineRanWhileBeansWereCreated).isFalse();
            assertThat(probe.threadsWhileBeansWereCreated).as("engine threads while beans were created")
                .isSubsetOf(this.threadsBefore);

            assertThat(context.getBean(SsoEngine.class).isRunning()).isTrue();
            assertThat(newEngineThreads()).anySatisfy((thread) -> assertThat(thread.getName()).contains("-refresh-"));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> newEngineThreads().isEmpty());
    }

    @Test
    void stopsInTheShutdownPhaseAndStartsAgainWithTheContext() {
        this.contextRunner.run((context) -> {
            SsoEngine engine = context.getBean(SsoEngine.class);

            context.getSourceApplicationContext().stop();
            assertThat(engine.isRunning()).isFalse();
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).as("served while stopped")
                .startsWith("ASIA");

            context.getSourceApplicationContext().start();
            assertThat(engine.isRunning()).isTrue();
        });
    }

    @Test
    void credentialsAskedForWhileBeansAreCreatedAreServedAndTheirEventArrivesOnceRunning() {
        this.contextRunner.withUserConfiguration(EarlyCaller.class, Listeners.class).run((context) -> {
            assertThat(context.getBean(EarlyCaller.class).accessKeyId).startsWith("ASIA");

            Listeners listeners = context.getBean(Listeners.class);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> !listeners.heard.isEmpty() && !listeners.published.isEmpty());
            assertThat(listeners.heard).first().isInstanceOf(SessionEvent.CredentialsRefreshed.class);
            assertThat(listeners.published).first().isInstanceOf(SessionEvent.CredentialsRefreshed.class);
        });
    }

    private Set<Thread> newEngineThreads() {
        Set<Thread> threads = engineThreads();
        threads.removeAll(this.threadsBefore);
        return threads;
    }

    static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter((thread) -> thread.getName().startsWith("aws-sso-") && thread.isAlive())
            .collect(Collectors.toCollection(HashSet::new));
    }

    /** Looks at the engine while the context creates its beans. */
    static class ThreadProbe {

        final boolean engineRanWhileBeansWereCreated;

        final Set<Thread> threadsWhileBeansWereCreated;

        ThreadProbe(SsoEngine engine) {
            this.engineRanWhileBeansWereCreated = engine.isRunning();
            this.threadsWhileBeansWereCreated = engineThreads();
        }
    }

    /** Calls AWS while the context creates its beans. */
    static class EarlyCaller {

        final String accessKeyId;

        EarlyCaller(AwsCredentialsProvider credentials) {
            this.accessKeyId = credentials.resolveCredentials().accessKeyId();
        }
    }

    /** A session listener bean and an application event listener. */
    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<SessionEvent> heard = new CopyOnWriteArrayList<>();

        final List<SessionEvent> published = new CopyOnWriteArrayList<>();

        @Bean
        SessionListener recordingListener() {
            return this.heard::add;
        }

        @EventListener
        void on(SessionEvent event) {
            this.published.add(event);
        }
    }
}
