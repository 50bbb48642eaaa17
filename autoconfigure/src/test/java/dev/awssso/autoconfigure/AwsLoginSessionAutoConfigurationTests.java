package dev.awssso.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.awssso.autoconfigure.endpoint.AwsLoginSessionEndpointAutoConfiguration;
import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;
import dev.awssso.autoconfigure.health.AwsLoginSessionHealthContributorAutoConfiguration;
import dev.awssso.autoconfigure.health.AwsSsoHealthContributorAutoConfiguration;
import dev.awssso.autoconfigure.metrics.AwsSsoMetricsAutoConfiguration;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.endpoint.AwsLoginSessionEndpoint;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.credentials.LoginSessionCredentialsProvider;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.EmulatedLoginSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application written like the Quick start whose {@code AWS_PROFILE} names an {@code aws login} profile: the
 * starter serves the session's credentials and region, health and the endpoint show it, and the Identity Center
 * beans stay away.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsLoginSessionAutoConfigurationTests {

    private static final String LOGIN_PROFILE = """
            [profile dev]
            login_session = %s
            region = eu-west-1
            """;

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles(IdentityCenterEmulator emulator) throws IOException {
        this.emulator = emulator;
        Files.createDirectories(this.home.resolve(".aws"));
        Files.writeString(this.home.resolve(".aws/config"),
                LOGIN_PROFILE.formatted(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION));
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class,
                    AwsLoginSessionAutoConfiguration.class, AwsSsoDefaultChainsAutoConfiguration.class,
                    AwsSsoHealthContributorAutoConfiguration.class,
                    AwsLoginSessionHealthContributorAutoConfiguration.class, AwsSsoEndpointAutoConfiguration.class,
                    AwsLoginSessionEndpointAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=dev", "AWS_CONFIG_FILE=",
                    "AWS_SHARED_CREDENTIALS_FILE=", "AWS_LOGIN_CACHE_DIRECTORY=", "AWS_REGION=",
                    "aws.sso.endpoint.signin=" + emulator.endpoint(),
                    "management.endpoints.web.exposure.include=health,awssso");
    }

    @Test
    void theSessionsCredentialsAndRegionServeTheApplication() {
        EmulatedLoginSession session = this.emulator.startLoginSession(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
        session.writeCacheFile(loginCache(), Instant.now().minus(Duration.ofMinutes(1)));
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LoginSessionEngine.class)
                .doesNotHaveBean(SsoEngine.class).doesNotHaveBean(AwsSsoService.class);
            AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
            assertThat(credentials).isInstanceOf(LoginSessionCredentialsProvider.class);
            assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
            assertThat(callerArn(credentials)).isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
            assertThat(this.emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isOne();

            Health health = context.getBean("awsssoHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("source", "aws login")
                .containsEntry("loginSession", IdentityCenterEmulator.DEFAULT_LOGIN_SESSION)
                .containsEntry("profile", "dev").containsKey("credentialsExpireAt");
            LoginSessionStatus status = context.getBean(AwsLoginSessionEndpoint.class).status();
            assertThat(status.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(status.identity().cacheFile()).startsWith(loginCache().toString());
        });
    }

    @Test
    void signedOutTheApplicationStartsAndHealthNamesTheSignIn() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean("awsssoHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", SessionState.SIGNED_OUT)
                .containsEntry("action", "Sign in with `aws login --profile dev`.");
        });
    }

    @Test
    void aLocalEmulatorsConnectionDetailsKeepTheDevelopersSessionAway() {
        this.contextRunner.withUserConfiguration(LocalStackConnection.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LoginSessionEngine.class);
            assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
                .isEqualTo("AKIDLOCALSTACK");
        });
    }

    @Test
    void namedRolesKeepTheirBeansBesideALocalEmulatorWhoseKeysSignTheDefaultClients() {
        this.contextRunner.withUserConfiguration(LocalStackConnection.class)
            .withConfiguration(AutoConfigurations.of(AwsSsoRolesAutoConfiguration.class))
            .withPropertyValues("aws.sso.roles.deploy.assume-role.role-arn=arn:aws:iam::555566667777:role/Deployer")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(LoginSessionEngine.class);
                assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
                    .isEqualTo("AKIDLOCALSTACK");
                assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                        AwsCredentialsProvider.class, "deploy")).isNotInstanceOf(LoginSessionCredentialsProvider.class)
                    .isSameAs(context.getBean(LoginSessionEngine.class).credentialsProvider("deploy"));
            });
    }

    @Test
    void aLoginSessionThatIsNotAnArnFailsStartUpNamingTheFix() throws IOException {
        Files.writeString(this.home.resolve(".aws/config"), LOGIN_PROFILE.formatted("developer"));
        this.contextRunner.run((context) -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseInstanceOf(SsoConfigurationException.class).rootCause()
            .hasMessageContaining("login_session of [profile dev]")
            .hasMessageContaining("aws login --profile dev"));
    }

    @Test
    void theSessionsRefreshesReachTheApplicationsListenersAndMeters() {
        this.emulator.startLoginSession(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION)
            .writeCacheFile(loginCache(), Instant.now().minus(Duration.ofMinutes(1)));
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    AwsSsoMetricsAutoConfiguration.class))
            .withUserConfiguration(EventRecorder.class)
            .run((context) -> {
                context.getBean(AwsCredentialsProvider.class).resolveCredentials();
                EventRecorder recorder = context.getBean(EventRecorder.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.events.isEmpty());
                assertThat(recorder.events.get(0)).isInstanceOf(LoginSessionEvent.CredentialsRefreshed.class);
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.get("aws.sso.credentials.refreshes").tag("role", "default")
                    .tag("operation", "CreateOAuth2Token").tag("outcome", "SUCCESS").timer().count()).isOne();
                assertThat(meters.get("aws.sso.credentials.remaining").tag("role", "default").timeGauge()
                    .value(TimeUnit.MINUTES)).isBetween(10.0, 16.0);
                assertThat(meters.get("aws.sso.session.remaining").tag("sign-in", "dev").timeGauge()
                    .value(TimeUnit.HOURS)).isBetween(11.0, 12.0);
            });
    }

    @Test
    void namedRolesAreAssumedWithTheSessionsCredentials() {
        String deployer = "arn:aws:iam::555566667777:role/Deployer";
        this.emulator.startLoginSession(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION)
            .writeCacheFile(loginCache(), Instant.now().plus(Duration.ofMinutes(14)));
        this.emulator.allowAssumeRole(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION, deployer);
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(AwsSsoRolesAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    AwsSsoMetricsAutoConfiguration.class))
            .withUserConfiguration(EventRecorder.class)
            .withPropertyValues("aws.sso.endpoint.sts=" + this.emulator.endpoint(),
                    "aws.sso.roles.deploy.assume-role.role-arn=" + deployer,
                    "aws.sso.roles.deploy.assume-role.session-name=my-app")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AwsCredentialsProvider deploy = BeanFactoryAnnotationUtils
                    .qualifiedBeanOfType(context.getBeanFactory(), AwsCredentialsProvider.class, "deploy");
                assertThat(callerArn(deploy)).isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
                assertThat(callerArn(context.getBean(AwsCredentialsProvider.class)))
                    .isEqualTo(IdentityCenterEmulator.DEFAULT_LOGIN_SESSION);
                Health health = context.getBean("awsssoHealthIndicator", HealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails().get("roles")).asString().contains("deploy").contains(deployer);
                LoginSessionStatus status = context.getBean(AwsLoginSessionEndpoint.class).status();
                assertThat(status.roles()).singleElement().satisfies((role) -> assertThat(role.credentials()
                    .expiresAt()).isNotNull());
                EventRecorder recorder = context.getBean(EventRecorder.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.events.stream()
                    .anyMatch((event) -> event instanceof LoginSessionEvent.CredentialsRefreshed refreshed
                            && refreshed.role().equals("deploy")));
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.get("aws.sso.credentials.refreshes").tag("role", "deploy")
                    .tag("operation", "AssumeRole").tag("outcome", "SUCCESS").timer().count()).isOne();
                assertThat(meters.get("aws.sso.credentials.remaining").tag("role", "deploy").timeGauge()
                    .value(TimeUnit.MINUTES)).isBetween(50.0, 61.0);
            });
    }

    @Test
    void anIdentityCenterRoleAskedOfAnAwsLoginProfileFailsStartUpNamingTheFix() {
        this.contextRunner.withPropertyValues("aws.sso.roles.tools.account-id=111122223333",
                "aws.sso.roles.tools.role-name=ReadOnly")
            .run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("Role 'tools' names an IAM Identity Center role")
                .hasMessageContaining("aws.sso.roles.tools.assume-role.role-arn"));
    }

    private Path loginCache() {
        return this.home.resolve(".aws/login/cache");
    }

    private String callerArn(AwsCredentialsProvider credentials) {
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(this.emulator.endpoint())
            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** An application's listener of the session's events. */
    @Configuration(proxyBeanMethods = false)
    static class EventRecorder {

        final List<LoginSessionEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void record(LoginSessionEvent event) {
            this.events.add(event);
        }
    }

    /** What a LocalStack {@code @ServiceConnection} registers. */
    @Configuration(proxyBeanMethods = false)
    static class LocalStackConnection {

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
                    return "AKIDLOCALSTACK";
                }

                @Override
                public String getSecretKey() {
                    return "not-a-secret";
                }
            };
        }
    }
}
