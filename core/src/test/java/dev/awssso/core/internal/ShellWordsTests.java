package dev.awssso.core.internal;

import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShellWordsTests {

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellWords.quote("my-sso")).isEqualTo("my-sso");
        assertThat(ShellWords.quote("/home/dev/.aws/sso/cache")).isEqualTo("/home/dev/.aws/sso/cache");
    }

    @Test
    void otherWordsAreSingleQuotedSoThatTheShellReadsThemBack() {
        assertThat(ShellWords.quote("my sso")).isEqualTo("'my sso'");
        assertThat(ShellWords.quote("a;rm -rf ~")).isEqualTo("'a;rm -rf ~'");
        assertThat(ShellWords.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(ShellWords.quote("")).isEqualTo("''");
    }

    @Test
    void theSignInCommandQuotesTheSessionName() {
        SsoSettings settings = new SsoSettings(new SettingsSource("dev", null), "team $HOME", "https://d-1.awsapps.com/start",
                "us-east-1", "111122223333", "ReadOnly", java.util.List.of("sso:account:access"), null);
        assertThat(settings.signInCommand()).isEqualTo("aws sso login --sso-session 'team $HOME'");
    }
}
