package dev.awssso.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.awssso.boot.LoginOnStartup;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoAutoConfigurationTests {

    private static final String SSO_SESSION_CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://d-0000000000.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            """;

    private static final String LEGACY_CONFIG = """
            [default]
            sso_start_url = https://d-0000000000.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """;

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    private IdentityCenterEmulator emulator;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=");
    }

    @Test
    void registersNothingWithoutSsoConfiguration() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(SsoEngine.class)
            .doesNotHaveBean(AwsCredentialsProvider.class)
            .doesNotHaveBean(AwsRegionProvider.class));
    }

    @Test
    void registersNothingForANonSsoDefaultProfile() throws IOException {
        writeConfig("[default]\nregion = eu-west-1\ncredential_process = /bin/true\n");
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AwsCredentialsProvider.class));
    }

    @Test
    void inlinePropertiesNeedNoConfigFile() {
        this.contextRunner.withPropertyValues(inlineProperties()).run((context) -> {
            assertThat(context).hasSingleBean(SsoEngine.class)
                .getBean(AwsCredentialsProvider.class)
                .isInstanceOf(IdentityCenterCredentialsProvider.class);
            assertThat(context.getBean(SsoEngine.class).settings().source()).isEqualTo(SettingsSource.PROPERTIES);
            assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
        });
    }

    @Test
    void theCallerIdentityLookUpsAreCreatedOnlyWhenAskedFor() {
        this.contextRunner.withPropertyValues(inlineProperties()).run((context) -> {
            assertThat(context.getBeanFactory().containsSingleton("awsSsoRoleIdentityLookups"))
                .as("not created at start-up").isFalse();
            assertThat(context.getBean(RoleIdentityLookups.class)).isNotNull();
            assertThat(context.getBeanFactory().containsSingleton("awsSsoRoleIdentityLookups"))
                .as("created once asked for").isTrue();
        });
    }

    @Test
    void readsAnSsoSessionProfileOfTheConfigFile() throws IOException {
        writeConfig(SSO_SESSION_CONFIG);
        this.contextRunner.withPropertyValues("aws.sso.profile=dev").run((context) -> {
            SsoSettings settings = context.getBean(SsoEngine.class).settings();
            assertThat(settings.sessionName()).isEqualTo("corp");
            assertThat(settings.source().profileName()).isEqualTo("dev");
            assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
        });
    }

    @Test
    void followsAwsProfileAndAwsConfigFile() throws IOException {
        Path config = Files.writeString(this.home.resolve("custom-config"), SSO_SESSION_CONFIG);
        this.contextRunner.withPropertyValues("AWS_PROFILE=dev", "AWS_CONFIG_FILE=" + config)
            .run((context) -> assertThat(context.getBean(SsoEngine.class).settings().source().configFile())
                .isEqualTo(config));
    }

    @Test
    void readsALegacyDefaultProfileWithoutBeingAsked() throws IOException {
        writeConfig(LEGACY_CONFIG);
        this.contextRunner.run((context) -> {
            assertThat(context.getBean(SsoEngine.class).settings().legacy()).isTrue();
            assertThat(context).doesNotHaveBean(AwsRegionProvider.class);
        });
    }

    @Test
    void inlinePropertiesWinOverTheProfile() throws IOException {
        writeConfig(SSO_SESSION_CONFIG);
        this.contextRunner.withPropertyValues("aws.sso.profile=dev", "aws.sso.role-name=Admin")
            .run((context) -> assertThat(context.getBean(SsoEngine.class).settings().roleName()).isEqualTo("Admin"));
    }

    @Test
    void canBeSwitchedOff() {
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SsoEngine.class)
                .doesNotHaveBean(AwsCredentialsProvider.class));
    }

    @Test
    void aCacheDirectoryThatIsAFileFailsStartUp() throws IOException {
        Path notADirectory = Files.writeString(this.home.resolve("cache"), "");
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.cache-dir=" + notADirectory)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new SsoConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains(notADirectory + " is a file");
                assertThat(analysis.getAction()).contains("aws.sso.cache-dir");
            });
    }

    @Test
    void startsASignInWhenReadyIfAskedAndNobodyIsSignedIn() {
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.sso-session=corp", "aws.sso.login.on-startup=true",
                    "aws.sso.login.flow=device-code")
            .run((context) -> {
                SsoEngine engine = context.getBean(SsoEngine.class);
                assertThat(engine.login().pending()).isEmpty();
                context.getSourceApplicationContext()
                    .publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                            context.getSourceApplicationContext(), Duration.ZERO));
                assertThat(engine.login().pending()).hasValueSatisfying(
                        (attempt) -> assertThat(attempt.prompt().flow()).isEqualTo(LoginFlow.DEVICE_CODE));
            });
    }

    @Test
    void neverStartsASignInUnlessAsked() {
        this.contextRunner.withPropertyValues(inlineProperties())
            .run((context) -> assertThat(context).doesNotHaveBean(LoginOnStartup.class));
    }

    @Test
    void fallsBackToTheDefaultChainWhileNobodyIsSignedInIfAsked() {
        System.setProperty("aws.accessKeyId", "AKIAFALLBACKEXAMPLE");
        System.setProperty("aws.secretAccessKey", "fallback-secret");
        try {
            this.contextRunner.withPropertyValues(inlineProperties())
                .withPropertyValues("aws.sso.sso-session=corp", "aws.sso.fallback=default-chain")
                .run((context) -> {
                    AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
                    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIAFALLBACKEXAMPLE");

                    this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));

                    assertThat(provider.resolveCredentials().accessKeyId()).startsWith("ASIA");
                });
        }
        finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void withoutAFallbackCallsFailWithTheSignInCommand() {
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.sso-session=corp")
            .run((context) -> assertThatExceptionOfType(SsoSessionException.class)
                .isThrownBy(() -> context.getBean(AwsCredentialsProvider.class).resolveCredentials())
                .withMessageContaining("aws sso login --sso-session corp"));
    }

    @Test
    void publishesSessionEventsAsApplicationEvents() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.sso-session=corp")
            .withUserConfiguration(EventCollector.class)
            .run((context) -> {
                context.getBean(AwsCredentialsProvider.class).resolveCredentials();
                EventCollector collector = context.getBean(EventCollector.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> !collector.events.isEmpty());
                assertThat(collector.events).first().isInstanceOf(SessionEvent.CredentialsRefreshed.class);
            });
    }

    @Test
    void backsOffForTheApplicationsOwnCredentialsProvider() {
        this.contextRunner.withPropertyValues(inlineProperties())
            .withUserConfiguration(OwnCredentialsConfiguration.class)
            .run((context) -> assertThat(context).getBean(AwsCredentialsProvider.class)
                .isSameAs(context.getBean("ownCredentialsProvider")));
    }

    @Test
    void badConfigurationFailsStartUpListingEveryProblem() {
        this.contextRunner
            .withPropertyValues("aws.sso.start-url=http://example.com", "aws.sso.sso-region=US-EAST-1",
                    "aws.sso.account-id=42")
            .run((context) -> {
                assertThat(context).hasFailed();
                SsoConfigurationException failure = findCause(context.getStartupFailure(),
                        SsoConfigurationException.class);
                assertThat(failure.problems()).hasSizeGreaterThanOrEqualTo(4);
                FailureAnalysis analysis = new SsoConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("start URL", "region", "account id", "role name");
                assertThat(analysis.getAction()).contains("aws.sso.role-name", "aws.sso.enabled=false");
            });
    }

    @Test
    void servesCredentialsFromTheSharedTokenCache() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner.withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.sso-session=corp")
            .run((context) -> {
                AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
                assertThat(callerArn(provider, Region.EU_WEST_1)).contains(":assumed-role/ReadOnly/");
            });
    }

    @Test
    void springCloudAwsBacksOffAndItsClientsUseOurProvider() {
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class))
            .withPropertyValues(inlineProperties())
            .withPropertyValues("aws.sso.sso-session=corp")
            .run((context) -> {
                assertThat(context).hasSingleBean(AwsCredentialsProvider.class)
                    .hasSingleBean(AwsRegionProvider.class)
                    .doesNotHaveBean("credentialsProvider");
                StsClientBuilder builder = context.getBean(AwsClientBuilderConfigurer.class).configure(StsClient.builder());
                try (StsClient sts = builder.endpointOverride(this.emulator.endpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                    assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/ReadOnly/");
                }
            });
    }

    @Test
    void stopsTheBackgroundThreadsWhenTheContextCloses() {
        Set<Thread> before = backgroundThreads();
        this.contextRunner.withPropertyValues(inlineProperties())
            .run((context) -> assertThat(backgroundThreads()).hasSizeGreaterThan(before.size()));
        // the threads of a closed engine end a moment after close() returns
        await("the engine's threads end with the context").atMost(Duration.ofSeconds(30))
            .until(() -> before.containsAll(backgroundThreads()));
    }

    private String[] inlineProperties() {
        return new String[] { "aws.sso.start-url=" + this.emulator.startUrl(),
                "aws.sso.sso-region=" + this.emulator.ssoRegion(), "aws.sso.account-id=111122223333",
                "aws.sso.role-name=ReadOnly", "aws.sso.region=eu-west-1",
                "aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                "aws.sso.endpoint.portal=" + this.emulator.endpoint() };
    }

    private String callerArn(AwsCredentialsProvider provider, Region region) {
        try (StsClient sts = StsClient.builder()
            .region(region)
            .endpointOverride(this.emulator.endpoint())
            .credentialsProvider(provider)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    private void writeConfig(String content) throws IOException {
        Files.createDirectories(this.home.resolve(".aws"));
        Files.writeString(this.home.resolve(".aws/config"), content);
    }

    private static Set<Thread> backgroundThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.getName().startsWith("aws-sso-") && thread.isAlive())
            .collect(Collectors.toSet());
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class EventCollector {

        final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SessionEvent event) {
            this.events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCredentialsConfiguration {

        @Bean
        AwsCredentialsProvider ownCredentialsProvider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret"));
        }
    }
}
