package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.awssso.core.config.ConfigFixture.inline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SsoSettingsResolver}: which file and profile are read, how properties and the file are merged,
 * and when the resolver steps aside.
 */
class SsoSettingsResolverTests {

    private static final String START_URL = "https://d-1234567890.awsapps.com/start";

    private static final String SSO_SESSION_CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://d-1234567890.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access, codewhisperer:completions
            """;

    private static final String LEGACY_DEFAULT = """
            [default]
            sso_start_url = https://d-1234567890.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """;

    @TempDir
    Path temp;

    private ConfigFixture fixture;

    @BeforeEach
    void createFixture() {
        this.fixture = new ConfigFixture(this.temp);
    }

    @Test
    void resolvesSsoSessionProfile() {
        Path file = this.fixture.config(SSO_SESSION_CONFIG);
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").build());
        assertThat(settings).isEqualTo(new SsoSettings(new SettingsSource("dev", file), "corp", START_URL,
                "us-east-1", "111122223333", "ReadOnly", List.of("sso:account:access",
                        "codewhisperer:completions"), "eu-west-1"));
        assertThat(settings.legacy()).isFalse();
        assertThat(settings.legacyAdvice()).isEmpty();
    }

    @Test
    void resolvesLegacyDefaultSection() {
        Path file = this.fixture.config(LEGACY_DEFAULT);
        SsoSettings settings = this.fixture.resolved(InlineSsoSettings.none());
        assertThat(settings.source()).isEqualTo(new SettingsSource("default", file));
        assertThat(settings.sessionName()).isNull();
        assertThat(settings.legacy()).isTrue();
        assertThat(settings.startUrl()).isEqualTo(START_URL);
        assertThat(settings.accountId()).isEqualTo("111122223333");
        assertThat(settings.roleName()).isEqualTo("ReadOnly");
        assertThat(settings.region()).isNull();
        assertThat(settings.registrationScopes()).containsExactly("sso:account:access");
        assertThat(settings.legacyAdvice()).isPresent();
    }

    @Test
    void resolvesLegacyProfileDefaultSection() {
        this.fixture.config(LEGACY_DEFAULT.replace("[default]", "[profile default]"));
        SsoSettings settings = this.fixture.resolved(InlineSsoSettings.none());
        assertThat(settings.source().profileName()).isEqualTo("default");
        assertThat(settings.legacy()).isTrue();
        assertThat(settings.ssoRegion()).isEqualTo("us-east-1");
    }

    @Test
    void resolvesEverythingInlineWithoutConfigFile() {
        SsoSettings settings = this.fixture.resolved(inline().startUrl(START_URL)
            .ssoRegion("us-east-1")
            .accountId("111122223333")
            .roleName("ReadOnly")
            .region("eu-central-2")
            .build());
        assertThat(settings).isEqualTo(new SsoSettings(SettingsSource.PROPERTIES, null, START_URL, "us-east-1",
                "111122223333", "ReadOnly", List.of("sso:account:access"), "eu-central-2"));
    }

    @Test
    void resolvesInlineSessionNameWithoutConfigFile() {
        SsoSettings settings = this.fixture.resolved(inline().sessionName("corp")
            .startUrl(START_URL)
            .ssoRegion("us-east-1")
            .accountId("111122223333")
            .roleName("ReadOnly")
            .registrationScopes("sso:account:access", "codewhisperer:completions")
            .build());
        assertThat(settings.sessionName()).isEqualTo("corp");
        assertThat(settings.legacy()).isFalse();
        assertThat(settings.registrationScopes()).containsExactly("sso:account:access", "codewhisperer:completions");
    }

    @Test
    void inlineValuesOverrideProfileKeyByKey() {
        Path file = this.fixture.config(SSO_SESSION_CONFIG);
        SsoSettings settings = this.fixture.resolved(inline().profile("dev")
            .roleName("Admin")
            .region("us-west-2")
            .registrationScopes("sso:account:access")
            .build());
        assertThat(settings.source()).isEqualTo(new SettingsSource("dev", file));
        assertThat(settings.roleName()).isEqualTo("Admin");
        assertThat(settings.region()).isEqualTo("us-west-2");
        assertThat(settings.registrationScopes()).containsExactly("sso:account:access");
        assertThat(settings.accountId()).isEqualTo("111122223333");
        assertThat(settings.sessionName()).isEqualTo("corp");
        assertThat(settings.startUrl()).isEqualTo(START_URL);
    }

    @Test
    void inlineStartUrlOverridesLegacyProfile() {
        this.fixture.config(LEGACY_DEFAULT);
        SsoSettings settings = this.fixture
            .resolved(inline().startUrl("https://my-portal.awsapps.com/start").accountId("444455556666").build());
        assertThat(settings.startUrl()).isEqualTo("https://my-portal.awsapps.com/start");
        assertThat(settings.accountId()).isEqualTo("444455556666");
        assertThat(settings.roleName()).isEqualTo("ReadOnly");
        assertThat(settings.source().profileName()).isEqualTo("default");
    }

    @Test
    void inlineSessionNameIsResolvedThroughConfigFile() {
        this.fixture.config("""
                [sso-session corp]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = eu-central-1
                """);
        SsoSettings settings = this.fixture
            .resolved(inline().sessionName("corp").accountId("111122223333").roleName("ReadOnly").build());
        assertThat(settings.source()).isEqualTo(SettingsSource.PROPERTIES);
        assertThat(settings.sessionName()).isEqualTo("corp");
        assertThat(settings.startUrl()).isEqualTo(START_URL);
        assertThat(settings.ssoRegion()).isEqualTo("eu-central-1");
        assertThat(settings.registrationScopes()).containsExactly("sso:account:access");
    }

    @Test
    void inlineSessionNameOverridesProfileSession() {
        this.fixture.config(SSO_SESSION_CONFIG + """

                [sso-session other]
                sso_start_url = https://other.awsapps.com/start
                sso_region = us-gov-west-1
                """);
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").sessionName("other").build());
        assertThat(settings.sessionName()).isEqualTo("other");
        assertThat(settings.startUrl()).isEqualTo("https://other.awsapps.com/start");
        assertThat(settings.ssoRegion()).isEqualTo("us-gov-west-1");
        assertThat(settings.registrationScopes()).containsExactly("sso:account:access");
    }

    @Test
    void profileAndSessionMayRepeatTheSameValuesIgnoringCase() {
        this.fixture.config(SSO_SESSION_CONFIG.replace("sso_session = corp", """
                sso_session = corp
                sso_start_url = https://D-1234567890.awsapps.com/start
                sso_region = us-east-1"""));
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").build());
        assertThat(settings.startUrl()).isEqualTo(START_URL);
    }

    @Test
    void awsProfileVariableSelectsProfile() {
        this.fixture.config(SSO_SESSION_CONFIG);
        this.fixture.environment.put("AWS_PROFILE", "dev");
        SsoSettings settings = this.fixture.resolved(InlineSsoSettings.none());
        assertThat(settings.source().profileName()).isEqualTo("dev");
        assertThat(settings.sessionName()).isEqualTo("corp");
    }

    @Test
    void profilePropertyBeatsAwsProfileVariable() {
        this.fixture.config(SSO_SESSION_CONFIG + "\n" + LEGACY_DEFAULT);
        this.fixture.environment.put("AWS_PROFILE", "dev");
        SsoSettings settings = this.fixture.resolved(inline().profile("default").build());
        assertThat(settings.source().profileName()).isEqualTo("default");
        assertThat(settings.legacy()).isTrue();
    }

    @Test
    void awsConfigFileVariableSelectsFileWithTildeExpanded() {
        Path file = this.fixture.write(this.fixture.home.resolve("work/aws-config"), SSO_SESSION_CONFIG);
        this.fixture.config(LEGACY_DEFAULT);
        this.fixture.environment.put("AWS_CONFIG_FILE", "~/work/aws-config");
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").build());
        assertThat(settings.source().configFile()).isEqualTo(file);
    }

    @Test
    void configFilePropertyBeatsAwsConfigFileVariable() {
        Path file = this.fixture.write(this.fixture.home.resolve("project/config"), SSO_SESSION_CONFIG);
        this.fixture.environment.put("AWS_CONFIG_FILE", this.fixture.config(LEGACY_DEFAULT).toString());
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").configFile("~/project/config").build());
        assertThat(settings.source().configFile()).isEqualTo(file);
    }

    @Test
    void homeVariableBeatsUserHomeForTilde() {
        this.fixture.write(this.fixture.userHome.resolve(".aws/config"), LEGACY_DEFAULT);
        Path file = this.fixture.config(SSO_SESSION_CONFIG);
        SsoSettings settings = this.fixture.resolved(inline().profile("dev").configFile("~/.aws/config").build());
        assertThat(settings.source().configFile()).isEqualTo(file);
    }

    @Test
    void userHomeIsUsedWithoutHomeVariable() {
        this.fixture.environment.remove("HOME");
        Path file = this.fixture.write(this.fixture.userHome.resolve(".aws/config"), LEGACY_DEFAULT);
        SsoSettings settings = this.fixture.resolved(InlineSsoSettings.none());
        assertThat(settings.source().configFile()).isEqualTo(file);
    }

    @Test
    void implicitSsoProfileFillsInWhatPropertiesLeaveOut() {
        this.fixture.config(LEGACY_DEFAULT);
        SsoSettings settings = this.fixture.resolved(inline().roleName("Admin").build());
        assertThat(settings.source().profileName()).isEqualTo("default");
        assertThat(settings.roleName()).isEqualTo("Admin");
        assertThat(settings.accountId()).isEqualTo("111122223333");
    }

    @Test
    void implicitProfileWithoutSsoKeysDoesNotContribute() {
        this.fixture.config("""
                [default]
                region = eu-west-1
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                """);
        SsoSettings settings = this.fixture.resolved(inline().startUrl(START_URL)
            .ssoRegion("us-east-1")
            .accountId("111122223333")
            .roleName("ReadOnly")
            .build());
        assertThat(settings.source()).isEqualTo(SettingsSource.PROPERTIES);
        assertThat(settings.region()).isNull();
    }

    @Test
    void explicitProfileWithoutSsoKeysContributes() {
        Path file = this.fixture.config("""
                [profile app]
                region = eu-west-1
                """);
        SsoSettings settings = this.fixture.resolved(inline().profile("app")
            .startUrl(START_URL)
            .ssoRegion("us-east-1")
            .accountId("111122223333")
            .roleName("ReadOnly")
            .build());
        assertThat(settings.source()).isEqualTo(new SettingsSource("app", file));
        assertThat(settings.region()).isEqualTo("eu-west-1");
    }

    @Test
    void registrationScopesOfSessionAreCommaSeparated() {
        this.fixture.config(SSO_SESSION_CONFIG.replace("sso:account:access, codewhisperer:completions",
                " a:b ,c:d,, e:f "));
        assertThat(this.fixture.resolved(inline().profile("dev").build()).registrationScopes())
            .containsExactly("a:b", "c:d", "e:f");
    }

    @Test
    void blankRegistrationScopesGiveDefault() {
        this.fixture.config(SSO_SESSION_CONFIG.replace("sso:account:access, codewhisperer:completions", ""));
        assertThat(this.fixture.resolved(inline().profile("dev").build()).registrationScopes())
            .containsExactly("sso:account:access");
    }

    @Test
    void stepsAsideWithoutConfigFileOrProperties() {
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void stepsAsideWhenDefaultProfileIsMissing() {
        this.fixture.config(SSO_SESSION_CONFIG);
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void anAwsProfileOfNeitherFileIsAnErrorNamingBothFilesAndTheirProfiles() {
        Path config = this.fixture.config(SSO_SESSION_CONFIG);
        Path credentials = this.fixture.write(this.fixture.home.resolve(".aws/credentials"),
                "[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        this.fixture.environment.put("AWS_PROFILE", "dve");
        assertThat(this.fixture.problems(InlineSsoSettings.none())).singleElement().asString()
            .contains("Unknown profile \"dve\" (AWS_PROFILE)", config + " (profiles: dev)",
                    credentials + " (profiles: ci)", "set AWS_PROFILE to one of those profiles",
                    "aws configure sso --profile dve");
    }

    @Test
    void anAwsProfileIsAnErrorAlsoWithoutAnyAwsFile() {
        this.fixture.environment.put("AWS_PROFILE", "dev");
        assertThat(this.fixture.problems(InlineSsoSettings.none())).singleElement().asString()
            .contains("Unknown profile \"dev\" (AWS_PROFILE)", "(profiles: none)");
    }

    @Test
    void stepsAsideWhenAwsProfileNamesAProfileOfTheCredentialsFileOnly() {
        this.fixture.config(LEGACY_DEFAULT);
        this.fixture.write(this.fixture.home.resolve(".aws/credentials"),
                "[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        this.fixture.environment.put("AWS_PROFILE", "prod");
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void followsAwsSharedCredentialsFile() {
        Path credentials = this.fixture.write(this.temp.resolve("keys"),
                "[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        this.fixture.environment.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        this.fixture.environment.put("AWS_PROFILE", "prod");
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void stepsAsideWhenAwsConfigFileIsMissing() {
        this.fixture.config(LEGACY_DEFAULT);
        this.fixture.environment.put("AWS_CONFIG_FILE", this.temp.resolve("missing").toString());
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void stepsAsideForStaticKeysProfile() {
        this.fixture.config("""
                [default]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                region = eu-west-1
                """);
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void stepsAsideForRoleProfile() {
        this.fixture.config("""
                [profile base]
                credential_source = Ec2InstanceMetadata

                [profile app]
                role_arn = arn:aws:iam::111122223333:role/App
                source_profile = base
                """);
        this.fixture.environment.put("AWS_PROFILE", "app");
        assertThat(this.fixture.resolve(InlineSsoSettings.none())).isEmpty();
    }

    @Test
    void stepsAsideWhenOnlyNonSsoPropertiesAreSet() {
        Path file = this.fixture.write(this.temp.resolve("config"), "[profile other]\nregion = eu-west-1\n");
        assertThat(this.fixture.resolve(inline().configFile(file.toString())
            .region("eu-west-1")
            .registrationScopes("sso:account:access")
            .build())).isEmpty();
    }
}
