package dev.awssso.core.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.awssso.core.config.ConfigFixture.inline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the problems {@link SsoSettingsResolver} reports: every one with its fix, all of them at once.
 */
class SsoSettingsValidationTests {

    private static final String START_URL = "https://d-1234567890.awsapps.com/start";

    @TempDir
    Path temp;

    private ConfigFixture fixture;

    private Path file;

    @BeforeEach
    void createFixture() {
        this.fixture = new ConfigFixture(this.temp);
        this.file = this.fixture.defaultConfigFile();
    }

    @Test
    void missingRoleNameNamesPropertyAndProfileSection() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_account_id = 111122223333

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                """);
        assertThat(this.fixture.problems(inline().profile("dev").build())).containsExactly(
                "Missing role name: set aws.sso.role-name, or add \"sso_role_name = <role>\" to [profile dev] in "
                        + this.file + ".");
    }

    @Test
    void missingSessionKeysNameSessionSection() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_registration_scopes = sso:account:access
                """);
        assertThat(this.fixture.problems(inline().profile("dev").build())).containsExactly(
                "Missing SSO start URL: set aws.sso.start-url, or add \"sso_start_url = <start URL>\" to "
                        + "[sso-session corp] in " + this.file + ".",
                "Missing SSO region: set aws.sso.sso-region, or add \"sso_region = <region>\" to "
                        + "[sso-session corp] in " + this.file + ".");
    }

    @Test
    void missingKeysOfLegacyDefaultProfileNameDefaultSection() {
        this.fixture.config("""
                [default]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_role_name = ReadOnly
                """);
        assertThat(this.fixture.problems(InlineSsoSettings.none())).containsExactly(
                "Missing SSO region: set aws.sso.sso-region, or add \"sso_region = <region>\" to [default] in "
                        + this.file + ".",
                "Missing account id: set aws.sso.account-id, or add \"sso_account_id = <account id>\" to "
                        + "[default] in " + this.file + ".");
    }

    @Test
    void everyMissingKeyIsReportedTogether() {
        SsoConfigurationException failure = this.fixture.failure(inline().roleName("ReadOnly").build());
        assertThat(failure.problems()).extracting(ConfigurationProblem::description)
            .containsExactly("Missing SSO start URL", "Missing SSO region", "Missing account id");
        assertThat(failure.getMessage()).startsWith("Invalid AWS SSO configuration (3 problems):")
            .contains("set aws.sso.start-url, or add \"sso_start_url = <start URL>\" to [default] in " + this.file)
            .contains("set aws.sso.sso-region")
            .contains("set aws.sso.account-id");
    }

    @Test
    void unknownSessionListsExistingSessions() {
        this.fixture.config("""
                [profile dev]
                sso_session = crop
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1

                [sso-session  lab ]  # comment
                sso_start_url = https://lab.awsapps.com/start
                """);
        assertThat(this.fixture.problems(inline().profile("dev").build())).containsExactly(
                "Unknown sso-session \"crop\" (sso_session in [profile dev] of " + this.file + "): no "
                        + "[sso-session crop] section in " + this.file + " (sessions defined there: corp, lab): add "
                        + "[sso-session crop] with \"sso_start_url = <start URL>\" and \"sso_region = <region>\" to "
                        + this.file + ", or set sso_session in [profile dev] of " + this.file
                        + " to an existing session.");
    }

    @Test
    void unknownInlineSessionWithoutConfigFile() {
        SsoConfigurationException failure = this.fixture
            .failure(inline().sessionName("corp").accountId("111122223333").roleName("ReadOnly").build());
        assertThat(failure.problems()).singleElement()
            .extracting(ConfigurationProblem::description)
            .isEqualTo("Unknown sso-session \"corp\" (aws.sso.sso-session): " + this.file + " does not exist");
    }

    @Test
    void unknownSessionWithNoSessionDefined() {
        this.fixture.config("[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n");
        assertThat(this.fixture.failure(inline().profile("dev").roleName("ReadOnly").build()).problems())
            .singleElement()
            .extracting(ConfigurationProblem::description)
            .asString()
            .endsWith("(sessions defined there: none)");
    }

    @Test
    void profileAndSessionDisagreeingOnRegion() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_region = eu-west-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                """);
        assertThat(this.fixture.problems(inline().profile("dev").build())).containsExactly(
                "Conflicting SSO region: sso_region in [profile dev] of " + this.file + " is \"eu-west-1\" but "
                        + "sso_region in [sso-session corp] of " + this.file + " is \"us-east-1\": remove "
                        + "sso_region in [profile dev] of " + this.file
                        + " (the sso-session's value applies), or make both equal.");
    }

    @Test
    void profileAndSessionDisagreeingOnStartUrl() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_start_url = https://other.awsapps.com/start
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                """);
        assertThat(this.fixture.failure(inline().profile("dev").build()).problems()).singleElement()
            .extracting(ConfigurationProblem::description)
            .asString()
            .startsWith("Conflicting SSO start URL: sso_start_url in [profile dev]");
    }

    @Test
    void propertyOverridingProfileValueAvoidsConflictWithSameValue() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_region = eu-west-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                """);
        assertThat(this.fixture.resolved(inline().profile("dev").ssoRegion("us-east-1").build()).ssoRegion())
            .isEqualTo("us-east-1");
    }

    @Test
    void propertyDisagreeingWithSession() {
        this.fixture.config("""
                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                """);
        assertThat(this.fixture.problems(inline().sessionName("corp")
            .startUrl("https://other.awsapps.com/start")
            .accountId("111122223333")
            .roleName("ReadOnly")
            .build())).singleElement()
            .asString()
            .startsWith("Conflicting SSO start URL: aws.sso.start-url is \"https://other.awsapps.com/start\" but "
                    + "sso_start_url in [sso-session corp] of " + this.file)
            .endsWith("remove aws.sso.start-url (the sso-session's value applies), or make both equal.");
    }

    @Test
    void accountAndRoleInsideSessionSection() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp

                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                """);
        SsoConfigurationException failure = this.fixture.failure(inline().profile("dev").build());
        assertThat(failure.problems()).map(ConfigurationProblem::toString).containsExactly(
                "sso_account_id in [sso-session corp] of " + this.file + " is not allowed: an sso-session section "
                        + "holds only sso_start_url, sso_region and sso_registration_scopes: move \"sso_account_id = "
                        + "111122223333\" to [profile dev] in " + this.file + ", or set aws.sso.account-id instead.",
                "sso_role_name in [sso-session corp] of " + this.file + " is not allowed: an sso-session section "
                        + "holds only sso_start_url, sso_region and sso_registration_scopes: move \"sso_role_name = "
                        + "ReadOnly\" to [profile dev] in " + this.file + ", or set aws.sso.role-name instead.",
                "Missing account id: set aws.sso.account-id, or add \"sso_account_id = <account id>\" to "
                        + "[profile dev] in " + this.file + ".",
                "Missing role name: set aws.sso.role-name, or add \"sso_role_name = <role>\" to [profile dev] in "
                        + this.file + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://d-1234567890.awsapps.com/start", "d-1234567890.awsapps.com/start", "https://",
            "https:///start", "https://d-123 4.awsapps.com/start", "ftp://d-1234567890.awsapps.com" })
    void malformedStartUrl(String startUrl) {
        assertThat(this.fixture.problems(inlineWith().startUrl(startUrl).build())).containsExactly(
                "Malformed SSO start URL \"" + startUrl + "\" (aws.sso.start-url): use the https URL of your AWS "
                        + "access portal, such as https://d-1234567890.awsapps.com/start.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "US-EAST-1", "useast1", "us-east", "us_east_1", "us-east-1a" })
    void malformedSsoRegion(String region) {
        assertThat(this.fixture.problems(inlineWith().ssoRegion(region).build())).containsExactly(
                "Malformed SSO region \"" + region + "\" (aws.sso.sso-region): use a region code in lower case, "
                        + "such as us-east-1, eu-central-1 or us-gov-west-1.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1", "us-gov-west-1", "cn-north-1", "eu-central-2", "ap-southeast-5",
            "us-isob-east-1", "eusc-de-east-1" })
    void wellFormedRegions(String region) {
        SsoSettings settings = this.fixture.resolved(inlineWith().ssoRegion(region).region(region).build());
        assertThat(settings.ssoRegion()).isEqualTo(region);
        assertThat(settings.region()).isEqualTo(region);
    }

    @Test
    void malformedClientRegionFromProfile() {
        this.fixture.config("""
                [default]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                region = Frankfurt
                """);
        assertThat(this.fixture.problems(InlineSsoSettings.none())).singleElement()
            .asString()
            .startsWith("Malformed region \"Frankfurt\" (region in [default] of " + this.file + "): ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1234", "1111-2222-3333", "11112222333a", "1111222233334" })
    void malformedAccountId(String accountId) {
        assertThat(this.fixture.problems(inlineWith().accountId(accountId).build())).containsExactly(
                "Malformed account id \"" + accountId + "\" (aws.sso.account-id): use the twelve-digit AWS account "
                        + "id, such as 111122223333 (quote it in YAML so that leading zeros are kept).");
    }

    @Test
    void severalProblemsAreReportedInOneException() {
        this.fixture.config("""
                [profile dev]
                sso_session = corp
                sso_start_url = https://other.awsapps.com/start
                sso_account_id = 1111-2222-3333

                [sso-session corp]
                sso_start_url = http://d-1234567890.awsapps.com/start
                sso_region = US-EAST-1
                sso_role_name = ReadOnly
                """);
        SsoConfigurationException failure = this.fixture.failure(inline().profile("dev").region("eu").build());
        assertThat(failure.problems()).extracting(ConfigurationProblem::description)
            .containsExactly("sso_role_name in [sso-session corp] of " + this.file + " is not allowed: an "
                    + "sso-session section holds only sso_start_url, sso_region and sso_registration_scopes",
                    "Conflicting SSO start URL: sso_start_url in [profile dev] of " + this.file
                            + " is \"https://other.awsapps.com/start\" but sso_start_url in [sso-session corp] of "
                            + this.file + " is \"http://d-1234567890.awsapps.com/start\"",
                    "Missing role name",
                    "Malformed SSO start URL \"http://d-1234567890.awsapps.com/start\" (sso_start_url in "
                            + "[sso-session corp] of " + this.file + ")",
                    "Malformed SSO region \"US-EAST-1\" (sso_region in [sso-session corp] of " + this.file + ")",
                    "Malformed region \"eu\" (aws.sso.region)",
                    "Malformed account id \"1111-2222-3333\" (sso_account_id in [profile dev] of " + this.file
                            + ")");
        assertThat(failure.getMessage()).startsWith("Invalid AWS SSO configuration (7 problems):");
        failure.problems().forEach((problem) -> assertThat(failure.getMessage()).contains(problem.toString()));
    }

    @Test
    void unknownExplicitProfileListsExistingProfiles() {
        this.fixture.config("[profile prod]\nregion = eu-west-1\n[default]\nregion = us-east-1\n");
        assertThat(this.fixture.problems(inline().profile("dev").build())).containsExactly(
                "Unknown profile \"dev\" (aws.sso.profile): no [profile dev] section in " + this.file
                        + " (profiles defined there: default, prod): add it, for example with \"aws configure sso "
                        + "--profile dev\", or set aws.sso.profile to an existing profile.");
    }

    @Test
    void explicitProfileWithoutConfigFile() {
        assertThat(this.fixture.problems(inline().profile("dev").roleName("ReadOnly").build())).containsExactly(
                "Unknown profile \"dev\" (aws.sso.profile): " + this.file + " does not exist: create it with a "
                        + "[profile dev] section, for example with \"aws configure sso --profile dev\", or point "
                        + "aws.sso.config-file or AWS_CONFIG_FILE at your config file.");
    }

    @Test
    void explicitConfigFileThatDoesNotExist() {
        Path missing = this.fixture.home.resolve("project/aws-config");
        assertThat(this.fixture.problems(inline().configFile("~/project/aws-config").build())).containsExactly(
                "Config file " + missing + " does not exist (aws.sso.config-file = ~/project/aws-config): correct "
                        + "aws.sso.config-file, or remove it to use AWS_CONFIG_FILE or ~/.aws/config.");
    }

    @Test
    void malformedConfigFileNamesFileAndLine() {
        this.fixture.config("""
                [default]
                region = eu-west-1
                aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                """);
        SsoConfigurationException failure = this.fixture.failure(InlineSsoSettings.none());
        assertThat(failure.problems()).map(ConfigurationProblem::toString).containsExactly(
                "Cannot parse config file " + this.file + ": Expected an '=' sign defining a property on line 3: fix "
                        + "that line: sections are [default], [profile NAME] or [sso-session NAME], and settings are "
                        + "\"key = value\" lines.");
        assertThat(failure.getMessage()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void unterminatedSectionHeaderWithExplicitProfileGivesOneProblem() {
        this.fixture.config("[profile dev]\nsso_session = corp\n[sso-session corp\nsso_region = us-east-1\n");
        assertThat(this.fixture.failure(inline().profile("dev").build()).problems()).singleElement()
            .extracting(ConfigurationProblem::description)
            .isEqualTo("Cannot parse config file " + this.file + ": Section definition must end with ']' on line 3");
    }

    @Test
    void malformedInlineValueIsReportedWithUnparsableFile() {
        this.fixture.config("sso_region = us-east-1\n");
        assertThat(this.fixture.failure(inline().accountId("12").build()).problems())
            .extracting(ConfigurationProblem::description)
            .containsExactly("Cannot parse config file " + this.file + ": Expected a profile definition on line 1",
                    "Malformed account id \"12\" (aws.sso.account-id)");
    }

    @Test
    void unreadableConfigFile() throws Exception {
        Files.createDirectories(this.file);
        assertThat(this.fixture.problems(inline().profile("dev").build())).singleElement()
            .asString()
            .startsWith("Cannot read config file " + this.file + " (")
            .endsWith("): make it a readable file, or point aws.sso.config-file or AWS_CONFIG_FILE at another one.");
    }

    @Test
    void missingKeysDoNotEchoOtherValuesOfProfile() {
        this.fixture.config("""
                [default]
                sso_role_name = ReadOnly
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                """);
        assertThat(this.fixture.failure(InlineSsoSettings.none()).getMessage()).doesNotContain("wJalrXUtnFEMI")
            .contains("Missing SSO start URL");
    }

    private static ConfigFixture.Inline inlineWith() {
        return inline().startUrl(START_URL).ssoRegion("us-east-1").accountId("111122223333").roleName("ReadOnly");
    }
}
