package dev.awssso.core.config;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InlineSsoSettingsTests {

    @Test
    void noneSetsNothing() {
        InlineSsoSettings none = InlineSsoSettings.none();
        assertThat(none).isEqualTo(new InlineSsoSettings(null, null, null, null, null, null, null, null, null));
        assertThat(none.requestsSso()).isFalse();
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreTrimmed() {
        InlineSsoSettings inline = new InlineSsoSettings(" ", "", null, " https://x.awsapps.com/start ", null, null,
                "\t", Arrays.asList(" ", null), " eu-west-1 ");
        assertThat(inline.profile()).isNull();
        assertThat(inline.configFile()).isNull();
        assertThat(inline.roleName()).isNull();
        assertThat(inline.registrationScopes()).isNull();
        assertThat(inline.startUrl()).isEqualTo("https://x.awsapps.com/start");
        assertThat(inline.region()).isEqualTo("eu-west-1");
    }

    @Test
    void scopesAreTrimmed() {
        InlineSsoSettings inline = new InlineSsoSettings(null, null, null, null, null, null, null,
                List.of(" sso:account:access ", "", "codewhisperer:completions"), null);
        assertThat(inline.registrationScopes()).containsExactly("sso:account:access", "codewhisperer:completions");
    }

    @Test
    void configFileScopesAndRegionAloneDoNotRequestSso() {
        InlineSsoSettings inline = new InlineSsoSettings(null, "~/cfg", null, null, null, null, null,
                List.of("sso:account:access"), "eu-west-1");
        assertThat(inline.requestsSso()).isFalse();
    }

    @Test
    void anySsoValueRequestsSso() {
        assertThat(new InlineSsoSettings("dev", null, null, null, null, null, null, null, null).requestsSso()).isTrue();
        assertThat(new InlineSsoSettings(null, null, null, null, null, null, "Admin", null, null).requestsSso())
            .isTrue();
    }
}
