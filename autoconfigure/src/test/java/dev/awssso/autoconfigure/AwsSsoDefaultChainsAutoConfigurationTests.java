package dev.awssso.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application written like the Quick start, which injects {@link AwsCredentialsProvider} and
 * {@link AwsRegionProvider}, where IAM Identity Center is not configured, is mistyped, or meets a local AWS
 * emulator's connection details.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoDefaultChainsAutoConfigurationTests {

    private static final String DEV_PROFILE = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = %s
            sso_region = us-east-1
            """;

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsSsoDefaultChainsAutoConfiguration.class, AwsSsoRolesAutoConfiguration.class))
            .withUserConfiguration(QuickStartApplication.class)
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "AWS_SHARED_CREDENTIALS_FILE=");
    }

    @Test
    void withoutSsoConfigurationTheApplicationStartsOnTheSdksDefaultChains() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SsoEngine.class);
            assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(DefaultCredentialsProvider.class);
            assertThat(context.getBean(AwsRegionProvider.class)).isInstanceOf(DefaultAwsRegionProviderChain.class);
            assertThat(context.getBean(QuickStartApplication.class).credentials)
                .isSameAs(context.getBean(AwsCredentialsProvider.class));
        });
    }

    @Test
    void theApplicationsOwnProvidersWin() {
        this.contextRunner.withUserConfiguration(OwnProviders.class).run((context) -> {
            assertThat(context).hasSingleBean(AwsCredentialsProvider.class).hasSingleBean(AwsRegionProvider.class);
            assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(StaticCredentialsProvider.class);
        });
    }

    @Test
    void springCloudAwsProvidersAndSettingsWin() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues("spring.cloud.aws.credentials.access-key=AKIDSPRINGCLOUD",
                    "spring.cloud.aws.credentials.secret-key=not-a-secret", "spring.cloud.aws.region.static=eu-north-1")
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(AwsCredentialsProvider.class)
                    .hasSingleBean(AwsRegionProvider.class)
                    .doesNotHaveBean("awsDefaultCredentialsProvider")
                    .doesNotHaveBean("awsDefaultRegionProvider");
                assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
                    .isEqualTo("AKIDSPRINGCLOUD");
                assertThat(context.getBean(AwsRegionProvider.class).getRegion().id()).isEqualTo("eu-north-1");
            });
    }

    @Test
    void withoutSpringCloudAwsOnTheClassPathTheDefaultChainsStillServe() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.awspring.cloud"))
            .run((context) -> assertThat(context.getBean(AwsCredentialsProvider.class))
                .isInstanceOf(DefaultCredentialsProvider.class));
    }

    @Test
    void anAwsProfileOfNeitherFileFailsStartUpNamingTheProfileAndTheFix() throws IOException {
        writeConfig(DEV_PROFILE.formatted(this.emulator.startUrl()));
        this.contextRunner.withPropertyValues("AWS_PROFILE=dve").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(SsoConfigurationException.class);
            FailureAnalysis analysis = new SsoConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Unknown profile \"dve\" (AWS_PROFILE)",
                    this.home.resolve(".aws/config").toString(), "(profiles: dev)",
                    this.home.resolve(".aws/credentials").toString());
            assertThat(analysis.getAction()).contains("set AWS_PROFILE to one of those profiles");
        });
    }

    @Test
    void anAwsProfileOfTheCredentialsFileStepsAsideQuietly() throws IOException {
        Files.createDirectories(this.home.resolve(".aws"));
        Files.writeString(this.home.resolve(".aws/credentials"),
                "[ci]\naws_access_key_id = AKIDCREDENTIALSFILE\naws_secret_access_key = not-a-secret\n");
        this.contextRunner.withPropertyValues("AWS_PROFILE=ci").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SsoEngine.class);
            assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(DefaultCredentialsProvider.class);
        });
    }

    @Test
    void aLocalEmulatorsConnectionDetailsAreNotSignedWithTheDevelopersSession() throws IOException {
        signInAsTheDeveloper();
        this.contextRunner.withUserConfiguration(LocalStackConnection.class)
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues("AWS_PROFILE=dev")
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(SsoEngine.class);
                AwsCredentials credentials = context.getBean(AwsCredentialsProvider.class).resolveCredentials();
                assertThat(credentials.accessKeyId()).isEqualTo(LocalStackConnection.ACCESS_KEY);
                assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isZero();
            });
    }

    @Test
    void namedRolesKeepTheirBesideALocalEmulatorsConnectionDetails() throws IOException {
        signInAsTheDeveloper();
        this.contextRunner.withUserConfiguration(LocalStackConnection.class, NamedRoleUser.class)
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues("AWS_PROFILE=dev", "aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                    "aws.sso.endpoint.portal=" + this.emulator.endpoint(), "aws.sso.roles.tools.account-id=111122223333",
                    "aws.sso.roles.tools.role-name=ReadOnly")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(SsoEngine.class);
                assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
                    .isEqualTo(LocalStackConnection.ACCESS_KEY);
                assertThat(context.getBean(NamedRoleUser.class).tools.resolveCredentials())
                    .isInstanceOf(AwsSessionCredentials.class);
            });
    }

    @Test
    void ssoPropertiesAskForTheSessionBesideALocalEmulatorsConnectionDetails() throws IOException {
        signInAsTheDeveloper();
        this.contextRunner.withUserConfiguration(LocalStackConnection.class)
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues("aws.sso.profile=dev", "aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                    "aws.sso.endpoint.portal=" + this.emulator.endpoint())
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(SsoEngine.class);
                assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials())
                    .isInstanceOf(AwsSessionCredentials.class);
            });
    }

    private void signInAsTheDeveloper() throws IOException {
        writeConfig(DEV_PROFILE.formatted(this.emulator.startUrl()));
        this.emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
    }

    private void writeConfig(String content) throws IOException {
        Files.createDirectories(this.home.resolve(".aws"));
        Files.writeString(this.home.resolve(".aws/config"), content);
    }

    /** The Quick start's client configuration: it needs both providers to start. */
    @Configuration(proxyBeanMethods = false)
    static class QuickStartApplication {

        final AwsCredentialsProvider credentials;

        QuickStartApplication(AwsCredentialsProvider credentials, AwsRegionProvider region) {
            this.credentials = credentials;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NamedRoleUser {

        final AwsCredentialsProvider tools;

        NamedRoleUser(@Qualifier("tools") AwsCredentialsProvider tools) {
            this.tools = tools;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProviders {

        @Bean
        AwsCredentialsProvider ownCredentialsProvider() {
            return StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDOWN", "not-a-secret"));
        }

        @Bean
        AwsRegionProvider ownRegionProvider() {
            return () -> software.amazon.awssdk.regions.Region.EU_CENTRAL_1;
        }
    }

    /** What a LocalStack or Floci {@code @ServiceConnection} registers. */
    @Configuration(proxyBeanMethods = false)
    static class LocalStackConnection {

        static final String ACCESS_KEY = "AKIDLOCALSTACK";

        @Bean
        AwsConnectionDetails localStackConnectionDetails() {
            return new AwsConnectionDetails() {

                @Override
                public URI getEndpoint() {
                    return URI.create("http://127.0.0.1:4566");
                }

                @Override
                public String getRegion() {
                    return "us-east-1";
                }

                @Override
                public String getAccessKey() {
                    return ACCESS_KEY;
                }

                @Override
                public String getSecretKey() {
                    return "not-a-secret";
                }
            };
        }
    }
}
