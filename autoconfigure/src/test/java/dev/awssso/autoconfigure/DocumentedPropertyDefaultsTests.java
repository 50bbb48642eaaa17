package dev.awssso.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of the {@code aws.sso.*} properties are the documented ones (README's property table, the
 * configuration metadata an IDE shows), and they reach the engine: the other tests set their own timings, so a
 * changed default would pass them all.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class DocumentedPropertyDefaultsTests {

    @TempDir
    Path home;

    @Test
    void theEngineRunsWithTheDocumentedTimingsWhenNoneIsSet(IdentityCenterEmulator emulator) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withUserConfiguration(OptionsCapture.class)
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint())
            .run((context) -> {
                assertThat(context).hasSingleBean(SsoEngine.class);
                EngineOptions options = context.getBean(OptionsCapture.class).options.get();
                assertThat(options.checkInterval()).as("check-interval").isEqualTo(Duration.ofSeconds(1));
                assertThat(options.tokenRefreshWindow()).as("token-refresh-window").isEqualTo(Duration.ofMinutes(15));
                assertThat(options.credentialsRefreshWindow()).as("credentials-refresh-window")
                    .isEqualTo(Duration.ofMinutes(5));
                assertThat(options.credentialsStaleMargin()).as("no property: the engine's 1 minute")
                    .isEqualTo(Duration.ofMinutes(1));
                assertThat(options.timeouts()).as("timeouts.connect, .read, .call")
                    .isEqualTo(new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)));
                assertThat(options.callerWait()).as("timeouts.caller-wait").isEqualTo(Duration.ofSeconds(10));
                assertThat(options.sessionDuration()).as("session-duration").isEqualTo(Duration.ofHours(8));
                assertThat(options.expiryWarnings()).as("expiry-warnings")
                    .isEqualTo(List.of(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(5)));
                assertThat(options.loginTimeout()).as("login.timeout").isEqualTo(Duration.ofMinutes(10));
                assertThat(options.cacheDirectory()).as("cache-dir").isEqualTo(this.home.resolve(".aws/sso/cache"));
            });
    }

    @Test
    void theSwitchesDefaultAsDocumented() {
        AwsSsoProperties properties = new AwsSsoProperties();

        assertThat(properties.isEnabled()).as("enabled").isTrue();
        assertThat(properties.getFallback()).as("fallback").isEqualTo(AwsSsoProperties.Fallback.NONE);
        assertThat(properties.getLogin().getFlow()).as("login.flow").isEqualTo(LoginFlow.PKCE);
        assertThat(properties.getLogin().isOnStartup()).as("login.on-startup").isFalse();
    }

    @Test
    void theConfigurationMetadataShowsTheDocumentedDefaults() throws IOException {
        Map<String, String> defaults = metadataDefaults();

        assertThat(defaults).containsEntry("aws.sso.enabled", "true")
            .containsEntry("aws.sso.check-interval", "1s")
            .containsEntry("aws.sso.token-refresh-window", "15m")
            .containsEntry("aws.sso.credentials-refresh-window", "5m")
            .containsEntry("aws.sso.timeouts.connect", "5s")
            .containsEntry("aws.sso.timeouts.read", "10s")
            .containsEntry("aws.sso.timeouts.call", "30s")
            .containsEntry("aws.sso.timeouts.caller-wait", "10s")
            .containsEntry("aws.sso.fallback", "none")
            .containsEntry("aws.sso.login.flow", "pkce")
            .containsEntry("aws.sso.login.on-startup", "false")
            .containsEntry("aws.sso.login.timeout", "10m")
            .containsEntry("aws.sso.session-duration", "8h")
            .containsEntry("aws.sso.expiry-warnings", "30m,10m,5m")
            .containsEntry("management.health.awssso.verify-identity", "false")
            .containsEntry("aws.sso.web.request-guard.enabled", "true")
            .containsEntry("aws.sso.web.remote-access", "false")
            .containsEntry("aws.sso.web.owner-only", "true");
    }

    /** The default values of the generated configuration metadata, as text. */
    private static Map<String, String> metadataDefaults() throws IOException {
        try (InputStream metadata = DocumentedPropertyDefaultsTests.class
            .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("the generated configuration metadata").isNotNull();
            Map<String, String> defaults = new HashMap<>();
            for (JsonNode property : JsonNode.parser().parse(metadata).asObject().get("properties").asArray()) {
                Map<String, JsonNode> fields = property.asObject();
                JsonNode value = fields.get("defaultValue");
                if (value != null && !value.isNull()) {
                    defaults.put(fields.get("name").asString(), text(value));
                }
            }
            return defaults;
        }
    }

    /** A default as text: a list's items joined with commas, as a property value gives them. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            return String.join(",", value.asArray().stream().map(DocumentedPropertyDefaultsTests::text).toList());
        }
        return value.isBoolean() ? String.valueOf(value.asBoolean()) : value.asString();
    }

    @Configuration(proxyBeanMethods = false)
    static class OptionsCapture {

        final AtomicReference<EngineOptions> options = new AtomicReference<>();

        /** Sees the options as the properties filled them, before any other customizer. */
        @Bean
        AwsSsoEngineCustomizer optionsCapture() {
            return (builder) -> this.options.set(builder.build());
        }
    }
}
