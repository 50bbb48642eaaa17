package dev.awssso.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
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

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Named roles of {@code aws.sso.roles} in an application context: an {@code AwsCredentialsProvider} bean per role
 * qualified with its name beside the primary default role, the {@link AwsSsoRoles} bean, their lifecycle, and the
 * start-up failure that lists every mistake. The roles get their credentials from the emulator.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoRolesAutoConfigurationTests {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        emulator.signIn("corp").writeCacheFile(cacheDir());
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoRolesAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "user.name=jane",
                    "aws.sso.sso-session=corp", "aws.sso.start-url=" + emulator.startUrl(),
                    "aws.sso.sso-region=" + emulator.ssoRegion(), "aws.sso.account-id=111122223333",
                    "aws.sso.role-name=ReadOnly", "aws.sso.region=eu-west-1", "aws.sso.check-interval=50ms",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint(),
                    "aws.sso.endpoint.sts=" + emulator.endpoint());
    }

    @Test
    void withoutRolesThereIsOnlyTheDefaultRole() {
        this.contextRunner.withUserConfiguration(DefaultClient.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(AwsCredentialsProvider.class))
                .containsOnlyKeys("awsSsoCredentialsProvider");
            assertThat(context.getBean(AwsSsoRoles.class).names()).containsExactly("default");
            assertThat(context.getBean(AwsSsoRoles.class).hasNamedRoles()).isFalse();
            assertThat(context.getBean(DefaultClient.class).credentials)
                .isSameAs(context.getBean(SsoEngine.class).credentialsProvider());
        });
    }

    @Test
    void eachRoleIsACredentialsProviderQualifiedWithItsNameAndTheDefaultRoleStaysPrimary() {
        this.emulator.allowAssumeRole(IdentityCenterEmulator.roleArn("111122223333", "PowerUser"), DEPLOYER);
        this.contextRunner.withPropertyValues(toolsAndDeploy())
            .withUserConfiguration(DefaultClient.class, RoleClients.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().hasBean("awsSsoRole-tools").hasBean("awsSsoRole-deploy");
                assertThat(context.getBean(DefaultClient.class).credentials)
                    .isSameAs(context.getBean(SsoEngine.class).credentialsProvider());
                RoleClients roles = context.getBean(RoleClients.class);
                assertThat(callerArn(context.getBean(DefaultClient.class).credentials))
                    .startsWith("arn:aws:sts::111122223333:assumed-role/ReadOnly/");
                assertThat(callerArn(roles.tools)).startsWith("arn:aws:sts::222233334444:assumed-role/ReadOnly/");
                assertThat(callerArn(roles.deploy)).isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");
            });
    }

    @Test
    void awsSsoRolesLooksRolesUpByName() {
        this.contextRunner.withPropertyValues(toolsAndDeploy()).run((context) -> {
            AwsSsoRoles roles = context.getBean(AwsSsoRoles.class);
            assertThat(roles.names()).containsExactly("default", "tools", "deploy");
            assertThat(roles.hasNamedRoles()).isTrue();
            assertThat(roles.credentialsProvider("tools")).isSameAs(context.getBean("awsSsoRole-tools"));
            roles.credentialsProvider("tools").resolveCredentials();

            RoleStatus tools = roles.status("tools");
            assertThat(tools.role().accountId()).isEqualTo("222233334444");
            assertThat(tools.role().roleName()).isEqualTo("ReadOnly");
            assertThat(tools.credentials().expiresAt()).isNotNull();
            RoleStatus deploy = roles.status("deploy");
            assertThat(deploy.role().assumedRoleArn()).isEqualTo(DEPLOYER);
            assertThat(deploy.role().ssoRoleName()).isEqualTo("PowerUser");
            assertThat(roles.statuses()).extracting(RoleStatus::name).containsExactly("default", "tools", "deploy");
            assertThat(catchThrowable(() -> roles.status("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no role named 'nope'; the roles are default, tools, deploy (aws.sso.roles)");
        });
    }

    @Test
    void springCloudAwsClientsKeepTheDefaultRole() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class))
            .withPropertyValues(toolsAndDeploy())
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("credentialsProvider");
                StsClientBuilder builder = context.getBean(AwsClientBuilderConfigurer.class)
                    .configure(StsClient.builder());
                try (StsClient sts = builder.endpointOverride(this.emulator.endpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                    assertThat(sts.getCallerIdentity().arn())
                        .startsWith("arn:aws:sts::111122223333:assumed-role/ReadOnly/");
                }
            });
    }

    @Test
    void mistakesFailStartUpListingEveryProblemWithItsFix() throws IOException {
        writeConfig("""
                [profile looping]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = loop-b

                [profile loop-b]
                role_arn = arn:aws:iam::555566667777:role/B
                source_profile = looping

                [profile static]
                aws_access_key_id = AKIAEXAMPLE
                aws_secret_access_key = secret

                [profile on-static]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = static
                """);
        this.contextRunner
            .withPropertyValues("aws.sso.roles.unknown.profile=nope", "aws.sso.roles.loop.profile=looping",
                    "aws.sso.roles.keys.profile=on-static", "aws.sso.roles.default.account-id=222233334444",
                    "aws.sso.roles.default.role-name=ReadOnly", "aws.sso.roles.my_role.account-id=222233334444",
                    "aws.sso.roles.my_role.role-name=ReadOnly", "aws.sso.roles.half.account-id=2222")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(SsoConfigurationException.class);
                String analysis = SsoConfigurationFailureAnalyzerAccess.describe(context.getStartupFailure());
                assertThat(analysis).contains("Role 'unknown': unknown profile \"nope\"",
                        "add [profile nope], for example with \"aws configure sso --profile nope\"",
                        "Role 'loop': the source_profile chain in", "loops (looping -> loop-b -> looping)",
                        "Role 'keys': the profile chain ends in [profile static]",
                        "point the chain's last source_profile at an SSO profile",
                        "Role name \"default\" (aws.sso.roles.default) is taken",
                        "Role name \"my_role\" (aws.sso.roles.my_role) cannot be used as a bean qualifier",
                        "Role 'half': malformed account id \"2222\"", "set aws.sso.roles.half.role-name too",
                        "Set aws.sso.enabled=false to start without IAM Identity Center.");
            });
    }

    @Test
    void rolesThatDifferOnlyInCaseAreAMistake() {
        this.contextRunner
            .withPropertyValues("aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=A",
                    "aws.sso.roles.Tools.account-id=222233334444", "aws.sso.roles.Tools.role-name=B")
            .run((context) -> assertThat(
                    SsoConfigurationFailureAnalyzerAccess.describe(context.getStartupFailure()))
                .contains("differ only in case (aws.sso.roles)"));
    }

    @Test
    void rolesOfAnotherSignInRunAndStopWithTheContextAndCloseWithIt() throws IOException {
        this.emulator.signIn("other").writeCacheFile(cacheDir());
        writeConfig("""
                [profile audit-sso]
                sso_session = other
                sso_account_id = 444455556666
                sso_role_name = Auditor

                [sso-session other]
                sso_start_url = %s
                sso_region = %s
                """.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));
        SsoEngine[] other = new SsoEngine[1];
        this.contextRunner.withPropertyValues("aws.sso.roles.audit.profile=audit-sso").run((context) -> {
            AwsSsoRoles roles = context.getBean(AwsSsoRoles.class);
            assertThat(roles.signIns()).hasSize(2);
            other[0] = roles.signIns().get(1);
            assertThat(other[0].isRunning()).isTrue();
            assertThat(callerArn(context.getBean("awsSsoRole-audit", AwsCredentialsProvider.class)))
                .startsWith("arn:aws:sts::444455556666:assumed-role/Auditor/");

            context.getSourceApplicationContext().stop();
            assertThat(other[0].isRunning()).isFalse();
            context.getSourceApplicationContext().start();
            assertThat(other[0].isRunning()).isTrue();
        });
        assertThat(other[0].isRunning()).isFalse();
        assertThat(catchThrowable(() -> other[0].start()))
            .as("closed with the context")
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsOfNamedRolesReachTheListenerBeansOnceTheContextRuns() {
        this.contextRunner.withPropertyValues(toolsAndDeploy())
            .withUserConfiguration(EarlyToolsCaller.class, Listeners.class)
            .run((context) -> {
                Listeners listeners = context.getBean(Listeners.class);
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> hasToolsRefresh(listeners.heard) && hasToolsRefresh(listeners.published));
            });
    }

    @Test
    void whereIdentityCenterIsNotConfiguredTheRolesAreTheDefaultChain() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class, AwsSsoRolesAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=")
            .withPropertyValues(toolsAndDeploy())
            .withUserConfiguration(RoleClients.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(SsoEngine.class).doesNotHaveBean(AwsSsoRoles.class);
                assertThat(context.getBean(RoleClients.class).tools).isInstanceOf(DefaultCredentialsProvider.class);
                assertThat(context.getBean(RoleClients.class).deploy).isInstanceOf(DefaultCredentialsProvider.class);
            });
    }

    @Test
    void switchedOffThereAreNoRoles() {
        this.contextRunner.withPropertyValues(toolsAndDeploy())
            .withPropertyValues("aws.sso.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(AwsSsoRoles.class)
                .doesNotHaveBean("awsSsoRole-tools"));
    }

    private static boolean hasToolsRefresh(List<SessionEvent> events) {
        return events.stream()
            .anyMatch((event) -> event instanceof SessionEvent.CredentialsRefreshed refreshed
                    && refreshed.role().equals("tools"));
    }

    private static String[] toolsAndDeploy() {
        return new String[] { "aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly",
                "aws.sso.roles.deploy.account-id=111122223333", "aws.sso.roles.deploy.role-name=PowerUser",
                "aws.sso.roles.deploy.assume-role.role-arn=" + DEPLOYER,
                "aws.sso.roles.deploy.assume-role.session-name=my-app" };
    }

    private Path cacheDir() {
        return this.home.resolve(".aws/sso/cache");
    }

    private void writeConfig(String content) throws IOException {
        Path config = this.home.resolve(".aws/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, content);
    }

    private String callerArn(AwsCredentialsProvider provider) {
        try (StsClient sts = StsClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(this.emulator.endpoint())
            .credentialsProvider(provider)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** Injects a credentials provider by its type alone. */
    static class DefaultClient {

        final AwsCredentialsProvider credentials;

        DefaultClient(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
        }
    }

    /** Injects the named roles by their qualifiers. */
    static class RoleClients {

        final AwsCredentialsProvider tools;

        final AwsCredentialsProvider deploy;

        RoleClients(@Qualifier("tools") AwsCredentialsProvider tools,
                @Qualifier("deploy") AwsCredentialsProvider deploy) {
            this.tools = tools;
            this.deploy = deploy;
        }
    }

    /** Gets credentials of role tools while the context creates its beans. */
    static class EarlyToolsCaller {

        EarlyToolsCaller(@Qualifier("tools") AwsCredentialsProvider tools) {
            tools.resolveCredentials();
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
