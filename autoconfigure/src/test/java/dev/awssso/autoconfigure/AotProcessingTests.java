package dev.awssso.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;
import dev.awssso.autoconfigure.health.AwsSsoHealthContributorAutoConfiguration;
import dev.awssso.autoconfigure.metrics.AwsSsoMetricsAutoConfiguration;
import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.metrics.AwsSsoMetrics;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application AOT-processed on a build machine without {@code ~/.aws} and without {@code aws.sso.*} settings
 * (the conditions are decided there, the beans are generated as code) signs in where it runs with an SSO
 * configuration, and steps aside to the SDK's default chains where it runs without one. The generated code is
 * compiled and run in this JVM, as Spring Boot tests its own auto-configurations under AOT.
 */
@CompileWithForkedClassLoader
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AotProcessingTests {

    private static final String USER_CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = %s
            sso_region = %s
            sso_registration_scopes = sso:account:access
            """;

    /** Home of the build machine: no {@code .aws} in it. */
    @TempDir
    Path buildHome;

    /** Home of the user who runs the processed application. */
    @TempDir
    Path userHome;

    private final SsoConfigurationResolutionTests.UserHomeReads buildMachineReads =
            new SsoConfigurationResolutionTests.UserHomeReads();

    private ApplicationContextRunner buildMachine;

    private IdentityCenterEmulator emulator;

    @BeforeEach
    void buildMachineWithoutAwsFiles(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        this.buildMachine = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsSsoModulesAutoConfiguration.class, AwsSsoRolesAutoConfiguration.class,
                    AwsSsoHealthContributorAutoConfiguration.class,
                    AwsSsoEndpointAutoConfiguration.class, AwsSsoMetricsAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
            .withUserConfiguration(MeterRegistryConfiguration.class)
            .withInitializer(
                    (context) -> context.getEnvironment().getPropertySources().addFirst(this.buildMachineReads))
            .withPropertyValues("HOME=" + this.buildHome, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "management.endpoints.web.exposure.include=awssso");
    }

    @Test
    void readsNothingOnTheBuildMachineAndSignsInWhereTheApplicationRuns() throws IOException {
        Files.createDirectories(this.userHome.resolve(".aws"));
        Files.writeString(this.userHome.resolve(".aws/config"),
                USER_CONFIG.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));
        this.emulator.signIn("corp").writeCacheFile(this.userHome.resolve(".aws/sso/cache"));

        processAndRun(this.buildMachine, (application) -> {
            assertThat(this.buildMachineReads.count).as("reads of the build machine's home").hasValue(0);
            assertThat(application.getBean(SsoEngine.class).settings().source().profileName()).isEqualTo("dev");
            assertThat(application.getBean(SsoEngine.class).isRunning()).isTrue();
            assertThat(application.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
            assertThat(callerArn(application.getBean(AwsCredentialsProvider.class)))
                .contains(":assumed-role/ReadOnly/");
        }, "HOME=" + this.userHome, "AWS_PROFILE=dev", "AWS_CONFIG_FILE=",
                "aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                "aws.sso.endpoint.portal=" + this.emulator.endpoint());
    }

    @Test
    void stepsAsideToTheSdkDefaultsWhereTheApplicationRunsWithoutSsoConfiguration() {
        processAndRun(this.buildMachine, (application) -> {
            assertThat(application.getBeanProvider(SsoEngine.class).getIfAvailable()).isNull();
            assertThatExceptionOfType(NoSuchBeanDefinitionException.class)
                .isThrownBy(() -> application.getBean(SsoEngine.class));
            assertThat(application.getBean(AwsSsoService.class).state()).isEqualTo(AwsSsoService.State.NOT_CONFIGURED);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            application.getBean(AwsSsoMetrics.class).bindTo(registry);
            assertThat(registry.getMeters()).as("no metrics registered").isEmpty();
            assertThat(application.getBeansOfType(AwsCredentialsProvider.class).values())
                .as("Spring Cloud AWS backed off at build time")
                .singleElement()
                .isInstanceOf(DefaultCredentialsProvider.class);
            assertThat(application.getBean(AwsRegionProvider.class)).isInstanceOf(DefaultAwsRegionProviderChain.class);
            assertThat(application.getBean("awsssoHealthIndicator", HealthIndicator.class).health())
                .satisfies((health) -> {
                    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
                    assertThat(health.getDetails()).containsEntry("configured", false);
                });
            assertThat(application.getBean(AwsSsoEndpoint.class).status().state()).isEqualTo("NOT_CONFIGURED");
        }, "HOME=" + this.userHome, "AWS_PROFILE=", "AWS_CONFIG_FILE=");
    }

    @Test
    void whereTheApplicationRunsWithoutSsoConfigurationSpringCloudAwsSettingsApplyAsWithoutAot() {
        processAndRun(this.buildMachine, (application) -> {
            assertThat(application.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
                .isEqualTo("AKIDSPRINGCLOUDAWS");
            assertThat(application.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_NORTH_1);
        }, "HOME=" + this.userHome, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                "spring.cloud.aws.credentials.access-key=AKIDSPRINGCLOUDAWS",
                "spring.cloud.aws.credentials.secret-key=not-a-secret", "spring.cloud.aws.region.static=eu-north-1");
    }

    @Test
    void switchedOffWhenProcessedStaysOff() throws IOException {
        Files.createDirectories(this.userHome.resolve(".aws"));
        Files.writeString(this.userHome.resolve(".aws/config"),
                USER_CONFIG.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));

        processAndRun(this.buildMachine.withPropertyValues("aws.sso.enabled=false"), (application) -> {
            assertThat(application.getBeanNamesForType(SsoEngine.class)).isEmpty();
            assertThat(application.getBeanNamesForType(AwsCredentialsProvider.class))
                .containsExactly("credentialsProvider");
        }, "HOME=" + this.userHome, "AWS_PROFILE=dev", "AWS_CONFIG_FILE=");
    }

    @Test
    void theRoleBeansOfTheRolesConfiguredWhenProcessedServeTheirRoleWhereTheApplicationRuns() throws IOException {
        writeUserConfigAndSignIn();

        processAndRun(withRoleTools(), (application) -> {
            RoleClients clients = application.getBean(RoleClients.class);
            assertThat(clients.credentials).isSameAs(application.getBean(SsoEngine.class).credentialsProvider());
            assertThat(callerArn(clients.tools)).contains("::222233334444:assumed-role/ReadOnly/");
            assertThat(application.getBean(AwsSsoRoles.class).names()).containsExactly("default", "tools");
        }, "HOME=" + this.userHome, "AWS_PROFILE=dev", "AWS_CONFIG_FILE=",
                "aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly",
                "aws.sso.endpoint.oidc=" + this.emulator.endpoint(),
                "aws.sso.endpoint.portal=" + this.emulator.endpoint());
    }

    @Test
    void theRoleBeansStepAsideWhereTheApplicationRunsWithoutSsoConfiguration() {
        processAndRun(withRoleTools(), (application) -> assertThat(application.getBean(RoleClients.class).tools)
            .isInstanceOf(DefaultCredentialsProvider.class), "HOME=" + this.userHome, "AWS_PROFILE=",
                "AWS_CONFIG_FILE=");
    }

    @Test
    void aRoleProcessedWithButNoLongerConfiguredFailsStartUpWithTheFix() throws IOException {
        writeUserConfigAndSignIn();

        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> processAndRun(withRoleTools(),
                (application) -> {
                }, "HOME=" + this.userHome, "AWS_PROFILE=dev", "AWS_CONFIG_FILE="))
            .havingRootCause()
            .withMessageContaining("The application was AOT-processed with role 'tools'")
            .withMessageContaining("Configure aws.sso.roles.tools, or process the application again.");
    }

    /** The build machine with role tools configured (in an application.yml, say) and injected by its qualifier. */
    private ApplicationContextRunner withRoleTools() {
        return this.buildMachine.withUserConfiguration(RoleClients.class)
            .withPropertyValues("aws.sso.roles.tools.account-id=222233334444",
                    "aws.sso.roles.tools.role-name=ReadOnly");
    }

    private void writeUserConfigAndSignIn() throws IOException {
        Files.createDirectories(this.userHome.resolve(".aws"));
        Files.writeString(this.userHome.resolve(".aws/config"),
                USER_CONFIG.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));
        this.emulator.signIn("corp").writeCacheFile(this.userHome.resolve(".aws/sso/cache"));
    }

    /**
     * AOT-processes the context of {@code buildMachine} as {@code spring-boot:process-aot} does (the conditions are
     * decided while {@code spring.aot.processing} is set), compiles the generated code, and runs it with the
     * {@code runProperties} of the machine the application runs on.
     */
    private static void processAndRun(ApplicationContextRunner buildMachine, Consumer<GenericApplicationContext> check,
            String... runProperties) {
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        try {
            buildMachine.prepare((prepared) -> {
                TestGenerationContext generation = new TestGenerationContext();
                ClassName initializer = new ApplicationContextAotGenerator()
                    .processAheadOfTime((GenericApplicationContext) prepared.getSourceApplicationContext(), generation);
                System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
                generation.writeGeneratedContent();
                TestCompiler.forSystem().with(generation).compile((compiled) -> {
                    try (GenericApplicationContext application = new GenericApplicationContext()) {
                        TestPropertyValues.of(runProperties).applyTo(application);
                        ApplicationContextInitializer<GenericApplicationContext> generated = compiled
                            .getInstance(ApplicationContextInitializer.class, initializer.toString());
                        generated.initialize(application);
                        application.refresh();
                        check.accept(application);
                    }
                });
            });
        }
        finally {
            System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
        }
    }

    private String callerArn(AwsCredentialsProvider credentials) {
        try (StsClient sts = StsClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(this.emulator.endpoint())
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** Injects the default role by type and role tools by its qualifier. */
    static class RoleClients {

        final AwsCredentialsProvider credentials;

        final AwsCredentialsProvider tools;

        RoleClients(AwsCredentialsProvider credentials, @Qualifier("tools") AwsCredentialsProvider tools) {
            this.credentials = credentials;
            this.tools = tools;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MeterRegistryConfiguration {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
