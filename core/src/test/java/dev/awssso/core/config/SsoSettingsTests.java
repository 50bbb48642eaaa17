package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SsoSettingsTests {

    private static final String START_URL = "https://d-1234567890.awsapps.com/start";

    @Test
    void ssoSessionFormNeedsNoAdvice() {
        assertThat(settings(new SettingsSource("dev", Path.of("/home/u/.aws/config")), "corp").legacyAdvice())
            .isEmpty();
    }

    @Test
    void legacyProfileAdviceNamesProfileCommandAndFix() {
        SsoSettings settings = settings(new SettingsSource("dev", Path.of("/home/u/.aws/config")), null);
        assertThat(settings.legacyAdvice()).hasValueSatisfying((advice) -> assertThat(advice)
            .contains("Profile 'dev' in /home/u/.aws/config uses the legacy SSO form")
            .contains("cannot be refreshed")
            .contains("\"aws sso login --profile dev\" is needed each time it expires (after 8 hours by default)")
            .contains("[sso-session NAME] section with \"sso_registration_scopes = sso:account:access\"")
            .contains("set \"sso_session = NAME\" in [profile dev]"));
    }

    @Test
    void legacyDefaultProfileAdviceNamesDefaultSection() {
        SsoSettings settings = settings(new SettingsSource("default", Path.of("/home/u/.aws/config")), null);
        assertThat(settings.legacyAdvice()).hasValueSatisfying(
                (advice) -> assertThat(advice).contains("in [default]").contains("aws sso login --profile default"));
    }

    @Test
    void legacyPropertiesAdviceNamesSessionNameProperty() {
        assertThat(settings(SettingsSource.PROPERTIES, null).legacyAdvice()).hasValueSatisfying(
                (advice) -> assertThat(advice).contains("cannot be refreshed").contains("aws.sso.sso-session"));
    }

    private static SsoSettings settings(SettingsSource source, String sessionName) {
        return new SsoSettings(source, sessionName, START_URL, "us-east-1", "111122223333", "ReadOnly",
                List.of("sso:account:access"), null);
    }
}
