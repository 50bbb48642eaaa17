package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionStatus;
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
import org.springframework.core.annotation.Order;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's {@link SessionListener} beans hear the engine's events, in their order; its
 * {@link AwsSsoEngineCustomizer} beans change the engine's options before it is created, in their order.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ExtensionPointsTests {

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    private IdentityCenterEmulator emulator;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withBean(IdentityCenterEmulator.class, () -> emulator)
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.sso-session=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly");
    }

    @Test
    void sessionListenerBeansHearEveryEventInTheirOrder() {
        this.contextRunner.withPropertyValues("aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                "aws.sso.endpoint.portal=" + this.emulator.endpoint())
            .withUserConfiguration(OrderedListeners.class)
            .run((context) -> {
                context.getBean(SsoEngine.class).refreshNow();

                OrderedListeners listeners = context.getBean(OrderedListeners.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> listeners.heard.size() == 4);
                assertThat(listeners.heard).containsExactly("first TokenRefreshed", "second TokenRefreshed",
                        "first CredentialsRefreshed", "second CredentialsRefreshed");
            });
    }

    @Test
    void customizersChangeTheEngineOptionsInTheirOrder() {
        this.contextRunner.withUserConfiguration(OrderedCustomizers.class).run((context) -> {
            AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
            assertThat(credentials.resolveCredentials().accessKeyId()).as("served from the customized endpoints")
                .startsWith("ASIA");

            SessionStatus.Session session = context.getBean(SsoEngine.class).status().session();
            assertThat(session.endsAt()).as("the later customizer's session duration")
                .isEqualTo(session.signedInAt().plus(Duration.ofHours(2)));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedListeners {

        final List<String> heard = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        SessionListener secondListener() {
            return (event) -> record("second", event);
        }

        @Bean
        @Order(1)
        SessionListener firstListener() {
            return (event) -> record("first", event);
        }

        private void record(String listener, SessionEvent event) {
            this.heard.add(listener + " " + event.getClass().getSimpleName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedCustomizers {

        @Bean
        @Order(2)
        AwsSsoEngineCustomizer longerSession() {
            return (options) -> options.sessionDuration(Duration.ofHours(2));
        }

        @Bean
        @Order(1)
        AwsSsoEngineCustomizer emulatorEndpointsAndShortSession(IdentityCenterEmulator emulator) {
            return (options) -> options.endpoints(SsoEndpoints.all(emulator.endpoint()))
                .sessionDuration(Duration.ofHours(1));
        }
    }
}
