package dev.awssso.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.awssso.core.config.InlineRoleSettings.AssumeRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.awssso.core.config.ConfigFixture.inline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NamedRoleResolver}: roles of the default sign-in, SSO profiles, {@code role_arn} chains read as
 * the AWS CLI reads them, assume-role on top, and every mistake with its fix.
 */
class NamedRoleResolverTests {

    private static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final String CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [profile audit-sso]
            sso_session = corp
            sso_account_id = 444455556666
            sso_role_name = Auditor

            [profile mid]
            role_arn = arn:aws:iam::555566667777:role/Deployer
            source_profile = dev
            role_session_name = middle
            duration_seconds = 1800

            [profile audit-readonly]
            role_arn = arn:aws:iam::999988887777:role/path/AuditReadOnly
            source_profile = mid
            external_id = audit-2024

            [profile other-sso]
            sso_session = other
            sso_account_id = 777788889999
            sso_role_name = Admin

            [sso-session corp]
            sso_start_url = https://d-1234567890.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access

            [sso-session other]
            sso_start_url = https://d-9999999999.awsapps.com/start
            sso_region = eu-west-1
            """;

    @TempDir
    Path temp;

    private ConfigFixture fixture;

    private Path file;

    private SsoSettings defaultRole;

    @BeforeEach
    void createFixture() {
        this.fixture = new ConfigFixture(this.temp);
        this.file = this.fixture.config(CONFIG);
        this.defaultRole = this.fixture.resolved(inline().profile("dev").build());
    }

    @Test
    void aRoleOfTheDefaultSignInSharesItsSessionWithAnotherAccountAndRole() {
        NamedRole tools = resolve(role("tools", null, "222233334444", "ReadOnly", null)).get(0);

        assertThat(tools.name()).isEqualTo("tools");
        assertThat(tools.assumed()).isFalse();
        assertThat(tools.sso().cacheKey()).isEqualTo(this.defaultRole.cacheKey());
        assertThat(tools.sso().startUrl()).isEqualTo(this.defaultRole.startUrl());
        assertThat(tools.accountId()).isEqualTo("222233334444");
        assertThat(tools.roleName()).isEqualTo("ReadOnly");
        assertThat(tools.assumedRoleArn()).isNull();
    }

    @Test
    void anSsoProfileIsReadAsTheDefaultRoleIs() {
        NamedRole audit = resolve(role("audit", "audit-sso", null, null, null)).get(0);

        assertThat(audit.sso()).isEqualTo(this.fixture.resolved(inline().profile("audit-sso").build()));
        assertThat(audit.accountId()).isEqualTo("444455556666");
        assertThat(audit.assumeRoles()).isEmpty();
    }

    @Test
    void aProfileChainResolvesAsTheCliResolvesItEachLinkWithItsOwnSettings() {
        NamedRole audit = resolve(role("audit", "audit-readonly", null, null, null)).get(0);

        assertThat(audit.sso()).as("the chain starts with the SSO profile at its end")
            .isEqualTo(this.defaultRole);
        assertThat(audit.assumeRoles()).extracting(AssumeRoleSpec::roleArn)
            .as("assumed in turn, each with the credentials of the link before")
            .containsExactly(DEPLOYER, "arn:aws:iam::999988887777:role/path/AuditReadOnly");
        AssumeRoleSpec middle = audit.assumeRoles().get(0);
        assertThat(middle.sessionName()).isEqualTo("middle");
        assertThat(middle.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(middle.externalId()).isNull();
        AssumeRoleSpec leaf = audit.assumeRoles().get(1);
        assertThat(leaf.externalId()).isEqualTo("audit-2024");
        assertThat(leaf.sessionName()).isEqualTo("aws-sso-jane.doe");
        assertThat(leaf.duration()).isNull();
        assertThat(leaf.origin()).isEqualTo("role_arn in [profile audit-readonly] of " + this.file);
        assertThat(audit.accountId()).isEqualTo("999988887777");
        assertThat(audit.roleName()).isEqualTo("AuditReadOnly");
        assertThat(audit.assumedRoleArn()).isEqualTo("arn:aws:iam::999988887777:role/path/AuditReadOnly");
    }

    @Test
    void roleArnWinsOverSsoKeysInTheSameProfileAsInTheCli() {
        this.fixture.config(CONFIG + """

                [profile both]
                role_arn = arn:aws:iam::555566667777:role/Deployer
                source_profile = dev
                sso_session = corp
                sso_account_id = 444455556666
                sso_role_name = Auditor
                """);

        NamedRole both = resolve(role("both", "both", null, null, null)).get(0);

        assertThat(both.assumedRoleArn()).isEqualTo(DEPLOYER);
        assertThat(both.sso().accountId()).isEqualTo("111122223333");
    }

    @Test
    void anAssumeRoleGoesOnTopOfAnAccountRoleAProfileOrTheDefaultRole() {
        AssumeRole deployer = new AssumeRole(DEPLOYER, "my-app", "optional", Duration.ofMinutes(45));

        List<NamedRole> roles = resolve(role("deploy", null, "111122223333", "PowerUser", deployer),
                role("deeper", "mid", null, null, new AssumeRole("arn:aws:iam::999988887777:role/Leaf", null, null,
                        null)),
                role("fromDefault", null, null, null, new AssumeRole(DEPLOYER, null, null, null)));

        NamedRole deploy = roles.get(0);
        assertThat(deploy.sso().roleName()).isEqualTo("PowerUser");
        assertThat(deploy.assumeRoles()).singleElement().satisfies((step) -> {
            assertThat(step.roleArn()).isEqualTo(DEPLOYER);
            assertThat(step.sessionName()).isEqualTo("my-app");
            assertThat(step.externalId()).isEqualTo("optional");
            assertThat(step.duration()).isEqualTo(Duration.ofMinutes(45));
            assertThat(step.origin()).isEqualTo("aws.sso.roles.deploy.assume-role");
            assertThat(step.toString()).doesNotContain("optional");
        });
        assertThat(roles.get(1).assumeRoles()).extracting(AssumeRoleSpec::roleArn)
            .containsExactly(DEPLOYER, "arn:aws:iam::999988887777:role/Leaf");
        assertThat(roles.get(2).sso()).isEqualTo(this.defaultRole);
        assertThat(roles.get(2).assumeRoles()).extracting(AssumeRoleSpec::sessionName)
            .containsExactly("aws-sso-jane.doe");
    }

    @Test
    void aProfileOfAnotherSsoSessionKeepsItsOwnSignIn() {
        NamedRole other = resolve(role("other", "other-sso", null, null, null)).get(0);

        assertThat(other.sso().cacheKey()).isEqualTo("other");
        assertThat(other.sso().startUrl()).isEqualTo("https://d-9999999999.awsapps.com/start");
    }

    @Test
    void profileMistakesNameTheRoleTheLinkAndTheFix() {
        this.fixture.config(CONFIG + """

                [profile looping]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = loop-b

                [profile loop-b]
                role_arn = arn:aws:iam::555566667777:role/B
                source_profile = looping

                [profile self]
                role_arn = arn:aws:iam::555566667777:role/Self
                source_profile = self

                [profile static]
                aws_access_key_id = AKIAEXAMPLE
                aws_secret_access_key = secret

                [profile on-static]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = static

                [profile dangling]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = nowhere

                [profile no-source]
                role_arn = arn:aws:iam::555566667777:role/A

                [profile mfa]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = dev
                mfa_serial = arn:aws:iam::111122223333:mfa/jane

                [profile instance]
                role_arn = arn:aws:iam::555566667777:role/A
                credential_source = Ec2InstanceMetadata

                [profile bad-values]
                role_arn = arn:aws:iam::5555:role/A
                source_profile = dev
                role_session_name = has space
                duration_seconds = 7200

                [profile bad-seconds]
                role_arn = arn:aws:iam::555566667777:role/A
                source_profile = dev
                duration_seconds = an hour

                [profile incomplete]
                sso_session = corp
                sso_account_id = 111122223333
                """);

        List<String> problems = problems(role("unknown", "nope", null, null, null),
                role("loop", "looping", null, null, null), role("selfish", "self", null, null, null),
                role("keys", "on-static", null, null, null), role("dangling", "dangling", null, null, null),
                role("nosource", "no-source", null, null, null), role("mfa", "mfa", null, null, null),
                role("instance", "instance", null, null, null), role("values", "bad-values", null, null, null),
                role("seconds", "bad-seconds", null, null, null), role("incomplete", "incomplete", null, null, null));

        assertThat(problems).containsExactly(
                "Role 'unknown': unknown profile \"nope\" (aws.sso.roles.unknown.profile): no [profile nope] section"
                        + " in " + this.file + " (profiles defined there: " + profileNames() + "): add [profile nope],"
                        + " for example with \"aws configure sso --profile nope\", or correct"
                        + " aws.sso.roles.unknown.profile.",
                "Role 'loop': the source_profile chain in " + this.file + " loops (looping -> loop-b -> looping):"
                        + " point the source_profile of the last profile of the chain at an SSO profile (one with"
                        + " sso_session, or sso_start_url, sso_account_id and sso_role_name).",
                "Role 'selfish': the source_profile chain in " + this.file + " loops (self -> self): point the"
                        + " source_profile of the last profile of the chain at an SSO profile (one with sso_session,"
                        + " or sso_start_url, sso_account_id and sso_role_name).",
                "Role 'keys': the profile chain ends in [profile static] of " + this.file + ", which is not an SSO"
                        + " profile (it has no sso_* key and no role_arn): point the chain's last source_profile at an"
                        + " SSO profile; static keys, credential_process and the other credential sources are not"
                        + " used by aws.sso.roles.",
                "Role 'dangling': unknown profile \"nowhere\" (source_profile in [profile dangling] of " + this.file
                        + "): no [profile nowhere] section in " + this.file + " (profiles defined there: "
                        + profileNames() + "): add [profile nowhere], for example with \"aws configure sso"
                        + " --profile nowhere\", or correct source_profile in [profile dangling] of " + this.file
                        + ".",
                "Role 'nosource': [profile no-source] of " + this.file + " sets role_arn but no source_profile: add"
                        + " \"source_profile = <an SSO profile>\" to [profile no-source].",
                "Role 'mfa': [profile mfa] of " + this.file + " sets mfa_serial, which aws.sso.roles does not support"
                        + " (a role that needs an MFA code cannot be refreshed in the background): remove mfa_serial"
                        + " and give the role a source_profile chain that ends in an SSO profile, or use another"
                        + " profile.",
                "Role 'instance': [profile instance] of " + this.file + " sets credential_source, which aws.sso.roles"
                        + " does not support (only source_profile chains that end in an SSO profile are): remove"
                        + " credential_source and give the role a source_profile chain that ends in an SSO profile,"
                        + " or use another profile.",
                "Role 'values': malformed role ARN \"arn:aws:iam::5555:role/A\" (role_arn in [profile bad-values] of "
                        + this.file + "): use the ARN of the role to assume, such as"
                        + " arn:aws:iam::555566667777:role/Deployer.",
                "Role 'values': role session name \"has space\" (role_session_name in [profile bad-values] of "
                        + this.file + ") is not one STS accepts: use 2 to 64 letters, digits and the characters"
                        + " + = , . @ _ -, such as \"my-app\".",
                "Role 'values': duration 7200 seconds (duration_seconds in [profile bad-values] of " + this.file
                        + ") is not a whole number of seconds from 15 minutes to 1 hour, which is what AWS allows for"
                        + " a role assumed with another role's credentials (role chaining): set it from 15m to 1h (900"
                        + " to 3600 seconds), or remove it for 1 hour.",
                "Role 'seconds': duration_seconds \"an hour\" (duration_seconds in [profile bad-seconds] of "
                        + this.file + ") is not a number of seconds: use a number from 900 to 3600.",
                "Role 'incomplete': Missing role name: add \"sso_role_name = <role>\" to [profile incomplete] in "
                        + this.file + ".");
    }

    @Test
    void roleMistakesAreCollectedWithTheirFixes() {
        List<String> problems = problems(role("tools", null, "222233334444", "ReadOnly", null),
                role("Tools", null, "222233334444", "Admin", null), role("default", "dev", null, null, null),
                role("my_role", "dev", null, null, null), role("both", "dev", "222233334444", null, null),
                role("half", null, "2222", null, null), role("empty", null, null, null, null),
                role("noarn", null, null, null, new AssumeRole(null, "x1", null, null)),
                role("long", null, null, null, new AssumeRole(DEPLOYER, null, "x", Duration.ofHours(2))));

        assertThat(problems).containsExactly(
                "Roles \"tools\" and \"Tools\" differ only in case (aws.sso.roles): give each role its own name.",
                "Role name \"default\" (aws.sso.roles.default) is taken: \"default\" names the default role"
                        + " (aws.sso.profile, or aws.sso.account-id and aws.sso.role-name): give the role another"
                        + " name.",
                "Role name \"my_role\" (aws.sso.roles.my_role) cannot be used as a bean qualifier, metric tag and path"
                        + " segment: rename it: start with a letter, then letters, digits and hyphens, at most 64"
                        + " characters, such as \"tools\" or \"deploy-prod\".",
                "Role 'both' sets both aws.sso.roles.both.profile and aws.sso.roles.both.account-id/"
                        + "aws.sso.roles.both.role-name: keep either the profile, or the account id and role name of a"
                        + " role of the default sign-in.",
                "Role 'half': malformed account id \"2222\" (aws.sso.roles.half.account-id): use the twelve-digit AWS"
                        + " account id, such as 111122223333 (quote it in YAML so that leading zeros are kept).",
                "Role 'half' sets aws.sso.roles.half.account-id but not aws.sso.roles.half.role-name: set"
                        + " aws.sso.roles.half.role-name too.",
                "Role 'empty' sets nothing: set aws.sso.roles.empty.profile, or aws.sso.roles.empty.account-id and"
                        + " aws.sso.roles.empty.role-name, or aws.sso.roles.empty.assume-role.role-arn.",
                "Role 'noarn' has an assume-role without a role ARN: set aws.sso.roles.noarn.assume-role.role-arn,"
                        + " such as arn:aws:iam::555566667777:role/Deployer.",
                "Role 'long': the external id (aws.sso.roles.long.assume-role.external-id) is not one STS accepts: use"
                        + " 2 to 1224 letters, digits and the characters + = , . @ : / _ -.",
                "Role 'long': duration 2h 00m (aws.sso.roles.long.assume-role.duration) is not a whole number of"
                        + " seconds from 15 minutes to 1 hour, which is what AWS allows for a role assumed with another"
                        + " role's credentials (role chaining): set it from 15m to 1h (900 to 3600 seconds), or"
                        + " remove it for 1 hour.");
    }

    @Test
    void twoRolesWithTheSameNameAreAMistake() {
        assertThat(problems(role("tools", "dev", null, null, null), role("tools", "audit-sso", null, null, null)))
            .containsExactly("Two roles are named \"tools\" (aws.sso.roles): give each role its own name.");
    }

    @Test
    void rolesSharingATokenCacheMustSignInToTheSamePortal() {
        this.fixture.config(CONFIG + """

                [profile clash]
                sso_session = corp
                sso_start_url = https://d-5555555555.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                """);
        SsoSettings inlineDefault = new SsoSettings(SettingsSource.PROPERTIES, "corp",
                "https://d-5555555555.awsapps.com/start", "us-east-1", "111122223333", "ReadOnly",
                List.of("sso:account:access"), null);

        SsoConfigurationException failure = assertThatExceptionOfType(SsoConfigurationException.class)
            .isThrownBy(() -> resolver().resolve(inlineDefault, inline().build(),
                    List.of(role("tools", "audit-sso", null, null, null))))
            .actual();

        assertThat(failure.problems()).singleElement().hasToString("Role 'tools' signs in to sso-session 'corp'"
                + " (profile 'audit-sso' in " + this.file + ") with another start URL than the roles of sso-session"
                + " 'corp' (application properties) that share its token cache: make the start URL of both the same,"
                + " or give the sso-sessions different names.");
    }

    @Test
    void theDefaultSessionNameIsDerivedFromTheUserName() {
        assertThat(AssumeRoleSpec.defaultSessionName("Jane Doe")).isEqualTo("aws-sso-jane-doe");
        assertThat(AssumeRoleSpec.defaultSessionName("")).isEqualTo("aws-sso");
        assertThat(AssumeRoleSpec.defaultSessionName("x".repeat(100))).hasSize(64);
        assertThat(AssumeRoleSpec.defaultSessionName("DOMAIN\\jane")).isEqualTo("aws-sso-domain-jane");
    }

    @Test
    void noRolesResolveToNone() {
        assertThat(resolve()).isEmpty();
    }

    private String profileNames() {
        return String.join(", ", new SharedConfigReader().read(this.file).config().profileNames());
    }

    private NamedRoleResolver resolver() {
        return new NamedRoleResolver(this.fixture.environment, this.fixture.userHome.toString(), "jane.doe");
    }

    private List<NamedRole> resolve(InlineRoleSettings... roles) {
        return resolver().resolve(this.defaultRole, inline().profile("dev").build(), Arrays.asList(roles));
    }

    private List<String> problems(InlineRoleSettings... roles) {
        return assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> resolve(roles))
            .actual()
            .problems()
            .stream()
            .map(ConfigurationProblem::toString)
            .toList();
    }

    private static InlineRoleSettings role(String name, String profile, String accountId, String roleName,
            AssumeRole assumeRole) {
        return new InlineRoleSettings(name, profile, accountId, roleName, assumeRole);
    }
}
