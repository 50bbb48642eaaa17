package dev.awssso.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.awssso.core.config.InlineRoleSettings.AssumeRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LoginSessionRoleResolver}: roles assumed with an {@code aws login} session's credentials, and
 * {@code role_arn} chains ending in its profile, read as the AWS CLI reads them, with every mistake and its fix.
 */
class LoginSessionRoleResolverTests {

    private static final String LOGIN_SESSION = "arn:aws:iam::111122223333:user/developer";

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final String CONFIG = """
            [profile dev]
            login_session = arn:aws:iam::111122223333:user/developer
            region = eu-west-1

            [profile deploy]
            role_arn = arn:aws:iam::555566667777:role/Deployer
            source_profile = dev
            role_session_name = deploying

            [profile audit]
            role_arn = arn:aws:iam::999988887777:role/Auditor
            source_profile = deploy

            [profile other-login]
            login_session = arn:aws:iam::444455556666:user/someone
            region = eu-west-1

            [profile elsewhere]
            role_arn = arn:aws:iam::555566667777:role/Deployer
            source_profile = other-login
            """;

    @TempDir
    Path home;

    private LoginSessionSettings session;

    private final LoginSessionRoleResolver resolver = new LoginSessionRoleResolver("Jane Doe");

    @BeforeEach
    void writeConfig() throws IOException {
        Path config = this.home.resolve("config");
        Files.writeString(config, CONFIG);
        this.session = new LoginSessionSettings("dev", config, LOGIN_SESSION, "111122223333", "eu-west-1",
                this.home.resolve("login-cache"));
    }

    @Test
    void anAssumeRoleAloneIsAssumedWithTheSessionsCredentials() {
        List<LoginSessionRole> roles = this.resolver.resolve(this.session, List.of(new InlineRoleSettings("deploy",
                null, null, null, new AssumeRole(DEPLOYER, null, null, null))));

        assertThat(roles).singleElement().satisfies((role) -> {
            assertThat(role.name()).isEqualTo("deploy");
            assertThat(role.assumedRoleArn()).isEqualTo(DEPLOYER);
            assertThat(role.assumeRoles()).singleElement()
                .satisfies((step) -> assertThat(step.sessionName()).isEqualTo("aws-sso-jane-doe"));
        });
    }

    @Test
    void aProfileChainEndingInTheLoginProfileAssumesEachRoleInTurn() {
        List<LoginSessionRole> roles = this.resolver.resolve(this.session,
                List.of(new InlineRoleSettings("audit", "audit", null, null, null),
                        new InlineRoleSettings("self", "dev", null, null, null)));

        assertThat(roles.get(0).assumeRoles()).extracting(AssumeRoleSpec::roleArn).containsExactly(DEPLOYER,
                "arn:aws:iam::999988887777:role/Auditor");
        assertThat(roles.get(0).assumeRoles().get(0).sessionName()).isEqualTo("deploying");
        assertThat(roles.get(1).assumeRoles()).as("the login profile itself").isEmpty();
    }

    @Test
    void everyMistakeIsReportedWithItsFix() {
        assertThatExceptionOfType(SsoConfigurationException.class)
            .isThrownBy(() -> this.resolver.resolve(this.session, List.of(
                    new InlineRoleSettings("tools", null, "222233334444", "ReadOnly", null),
                    new InlineRoleSettings("elsewhere", "elsewhere", null, null, null),
                    new InlineRoleSettings("missing", "nope", null, null, null),
                    new InlineRoleSettings("bad", null, null, null, new AssumeRole("not-an-arn", null, null, null)))))
            .satisfies((ex) -> assertThat(ex.problems()).hasSize(4))
            .withMessageContaining("Role 'tools' names an IAM Identity Center role")
            .withMessageContaining("aws.sso.roles.tools.assume-role.role-arn")
            .withMessageContaining("ends in [profile other-login]")
            .withMessageContaining("point the chain's last source_profile at [profile dev]")
            .withMessageContaining("unknown profile \"nope\"")
            .withMessageContaining("malformed role ARN \"not-an-arn\"");
    }
}
