package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine the configuration imports create holds what happens to it before the application context runs (the
 * sign-in at start-up, a token refresh for the imports, the credentials they fetch), as any engine created before
 * it starts: the application's listeners and the refresh timers hear of it once the context runs.
 */
@ExtendWith({ IdentityCenterEmulatorExtension.class, OutputCaptureExtension.class })
class BootstrapEventsTests {

    @TempDir
    Path home;

    private final SessionEvents heard = new SessionEvents();

    private IdentityCenterEmulator emulator;

    private ConfigurableApplicationContext context;

    @BeforeEach
    void seed(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        emulator.parameterStore().putString("/config/my-app/greeting", "hello from Parameter Store");
        emulator.secretsManager().putSecretString("my-app/db", "{\"db.password\":\"s3cr3t\"}");
    }

    @AfterEach
    void close() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void aTokenRefreshForTheImportsIsHeardAndCountedOnceTheApplicationRuns() {
        this.emulator.setTokenLifetime(Duration.ofSeconds(1));
        EmulatedSession session = this.emulator.signIn(ImportTestApplication.SESSION);
        session.writeCacheFile(ImportTestApplication.cacheDir(this.home));
        this.emulator.setTokenLifetime(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(session.expiresAt()));

        this.context = ImportTestApplication.run("inline", this.emulator, this.home, List.of(this.heard));

        assertThat(this.context.getEnvironment().getProperty("greeting")).isEqualTo("hello from Parameter Store");
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).as("the imports refreshed the token").isOne();
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.heard.events).extracting(SessionEvent::getClass)
                .containsExactly(SessionEvent.TokenRefreshed.class, SessionEvent.CredentialsRefreshed.class));
        assertThat(tokenRefreshes()).isOne();
        assertThat(credentialsRefreshes()).isOne();
    }

    @Test
    void theSignInAtStartUpIsHeardAndCountedOnceTheApplicationRuns(CapturedOutput output) throws Exception {
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(
                    () -> ImportTestApplication.run("inline", this.emulator, this.home, List.of(this.heard),
                            "--aws.sso.login.on-startup=true", "--aws.sso.login.flow=device-code"),
                    starter);
            Pattern prompt = Pattern.compile("confirm the code ([A-Z]{4}-[A-Z]{4})");
            Matcher matcher = await().atMost(Duration.ofSeconds(30))
                .until(() -> prompt.matcher(output.getAll()), Matcher::find);
            this.emulator.approveDevice(matcher.group(1));
            this.context = started.get(60, TimeUnit.SECONDS);
        }
        finally {
            starter.shutdownNow();
        }

        assertThat(this.context.getEnvironment().getProperty("greeting")).isEqualTo("hello from Parameter Store");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.heard.events).extracting(SessionEvent::getClass)
                .containsExactly(SessionEvent.SignedIn.class, SessionEvent.CredentialsRefreshed.class));
        assertThat(credentialsRefreshes()).isOne();
    }

    private long tokenRefreshes() {
        return this.context.getBean(MeterRegistry.class)
            .get("aws.sso.token.refreshes")
            .tags("outcome", "SUCCESS")
            .timer()
            .count();
    }

    private long credentialsRefreshes() {
        return this.context.getBean(MeterRegistry.class)
            .get("aws.sso.credentials.refreshes")
            .tags("outcome", "SUCCESS", "role", "default")
            .timer()
            .count();
    }

    /** Session events as the application hears them, from its start on. */
    private static final class SessionEvents implements ApplicationListener<ApplicationEvent> {

        private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof SessionEvent heard) {
                this.events.add(heard);
            }
        }

    }

}
