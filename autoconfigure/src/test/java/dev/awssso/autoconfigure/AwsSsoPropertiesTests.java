package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.awssso.core.config.InlineRoleSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AwsSsoPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void plainNumbersAreReadInTheUnitOfEachDefault() {
        this.contextRunner
            .withPropertyValues("aws.sso.token-refresh-window=20", "aws.sso.credentials-refresh-window=3",
                    "aws.sso.check-interval=2", "aws.sso.session-duration=12", "aws.sso.expiry-warnings=60,15",
                    "aws.sso.login.timeout=4", "aws.sso.timeouts.connect=1", "aws.sso.timeouts.read=7",
                    "aws.sso.timeouts.call=45", "aws.sso.timeouts.caller-wait=3")
            .run((context) -> {
                AwsSsoProperties properties = context.getBean(AwsSsoProperties.class);
                assertThat(properties.getTokenRefreshWindow()).isEqualTo(Duration.ofMinutes(20));
                assertThat(properties.getCredentialsRefreshWindow()).isEqualTo(Duration.ofMinutes(3));
                assertThat(properties.getCheckInterval()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getSessionDuration()).isEqualTo(Duration.ofHours(12));
                assertThat(properties.getExpiryWarnings()).containsExactly(Duration.ofMinutes(60),
                        Duration.ofMinutes(15));
                assertThat(properties.getLogin().getTimeout()).isEqualTo(Duration.ofMinutes(4));
                assertThat(properties.getTimeouts().getConnect()).isEqualTo(Duration.ofSeconds(1));
                assertThat(properties.getTimeouts().getRead()).isEqualTo(Duration.ofSeconds(7));
                assertThat(properties.getTimeouts().getCall()).isEqualTo(Duration.ofSeconds(45));
                assertThat(properties.getTimeouts().getCallerWait()).isEqualTo(Duration.ofSeconds(3));
            });
    }

    @Test
    void theCallerWaitReachesTheEngineAndIsTenSecondsByDefault() {
        this.contextRunner.run((context) -> assertThat(AwsSsoPropertiesMapper
            .engineOptions(context.getBean(AwsSsoProperties.class), Path.of("cache")).build()
            .callerWait()).isEqualTo(Duration.ofSeconds(10)));
        this.contextRunner.withPropertyValues("aws.sso.timeouts.caller-wait=2500ms")
            .run((context) -> assertThat(AwsSsoPropertiesMapper
                .engineOptions(context.getBean(AwsSsoProperties.class), Path.of("cache")).build()
                .callerWait()).isEqualTo(Duration.ofMillis(2500)));
    }

    @Test
    void aDurationSuffixWinsOverTheUnit() {
        this.contextRunner
            .withPropertyValues("aws.sso.check-interval=250ms", "aws.sso.session-duration=90m",
                    "aws.sso.expiry-warnings=1h,30s")
            .run((context) -> {
                AwsSsoProperties properties = context.getBean(AwsSsoProperties.class);
                assertThat(properties.getCheckInterval()).isEqualTo(Duration.ofMillis(250));
                assertThat(properties.getSessionDuration()).isEqualTo(Duration.ofMinutes(90));
                assertThat(properties.getExpiryWarnings()).containsExactly(Duration.ofHours(1), Duration.ofSeconds(30));
            });
    }

    @Test
    void rolesAreReadInTheirOrderWithTheirAssumedRoles() {
        this.contextRunner
            .withPropertyValues("aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly",
                    "aws.sso.roles.audit.profile=audit-readonly",
                    "aws.sso.roles.deploy.account-id=111122223333", "aws.sso.roles.deploy.role-name=PowerUser",
                    "aws.sso.roles.deploy.assume-role.role-arn=arn:aws:iam::555566667777:role/Deployer",
                    "aws.sso.roles.deploy.assume-role.session-name=my-app",
                    "aws.sso.roles.deploy.assume-role.external-id=optional",
                    "aws.sso.roles.deploy.assume-role.duration=1h", "aws.sso.roles.short.assume-role.duration=900")
            .run((context) -> {
                List<InlineRoleSettings> roles = AwsSsoPropertiesMapper
                    .roleSettings(context.getBean(AwsSsoProperties.class));
                assertThat(roles).containsExactly(
                        new InlineRoleSettings("tools", null, "222233334444", "ReadOnly", null),
                        new InlineRoleSettings("audit", "audit-readonly", null, null, null),
                        new InlineRoleSettings("deploy", null, "111122223333", "PowerUser",
                                new InlineRoleSettings.AssumeRole("arn:aws:iam::555566667777:role/Deployer", "my-app",
                                        "optional", Duration.ofHours(1))),
                        new InlineRoleSettings("short", null, null, null,
                                new InlineRoleSettings.AssumeRole(null, null, null, Duration.ofMinutes(15))));
            });
    }

    @Test
    void withoutRolesThereAreNone() {
        this.contextRunner
            .run((context) -> assertThat(AwsSsoPropertiesMapper.roleSettings(context.getBean(AwsSsoProperties.class)))
                .isEmpty());
    }

    @Test
    void theSsoSessionIsReadUnderItsNewAndItsFormerName() {
        this.contextRunner.withPropertyValues("aws.sso.sso-session=corp")
            .run((context) -> assertThat(
                    AwsSsoPropertiesMapper.inlineSettings(context.getBean(AwsSsoProperties.class)).sessionName())
                .isEqualTo("corp"));
        this.contextRunner.withPropertyValues("aws.sso.session-name=legacy-name")
            .run((context) -> assertThat(
                    AwsSsoPropertiesMapper.inlineSettings(context.getBean(AwsSsoProperties.class)).sessionName())
                .isEqualTo("legacy-name"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AwsSsoProperties.class)
    static class PropertiesConfiguration {

    }
}
