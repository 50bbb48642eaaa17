package dev.awssso.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.awssso.core.engine.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Edits of a real config file while the application runs: which of them wait for a restart. */
class ConfigChangeWatchTests {

    private static final String SESSION = """
            [sso-session corp]
            sso_start_url = https://d-0000000000.awsapps.com/start
            sso_region = us-east-1
            """;

    @TempDir
    Path home;

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        this.config = this.home.resolve("config");
        write("111122223333", "ReadOnly", "");
    }

    @Test
    void anotherAccountAndRoleInTheProfileWaitForARestartUntilTheFileSaysTheOldOnesAgain() throws IOException {
        ConfigChangeWatch watch = ConfigChangeWatch.of(settings("ReadOnly"));

        try (LogCapture log = new LogCapture()) {
            write("222233334444", "Admin", "");
            watch.checkIfChanged();
            watch.checkIfChanged();
            write("222233334444", "Admin", "# edited again\n");
            watch.checkIfChanged();

            assertThat(log.warnings()).as("logged once").singleElement().asString()
                .contains("role 'ReadOnly' → 'Admin'");
        }

        assertThat(watch.warning()).hasValueSatisfying((warning) -> assertThat(warning)
            .contains("profile 'dev' in " + this.config, "account 111122223333 → 222233334444",
                    "role 'ReadOnly' → 'Admin'", "keeps using role 'ReadOnly' in account 111122223333",
                    "restart it"));

        write("111122223333", "ReadOnly", "");
        watch.checkIfChanged();
        assertThat(watch.warning()).isEmpty();
    }

    @Test
    void editsThatLeaveTheAccountAndRoleAloneChangeNothing() throws IOException {
        ConfigChangeWatch watch = ConfigChangeWatch.of(settings("ReadOnly"));

        write("111122223333", "ReadOnly", "\n[profile other]\nsso_session = corp\nsso_role_name = Admin\n");
        watch.checkIfChanged();

        assertThat(watch.warning()).isEmpty();
    }

    @Test
    void aRoleSetByPropertiesIsNotTheProfilesToChange() throws IOException {
        // the profile says ReadOnly, aws.sso.role-name says Deployer
        ConfigChangeWatch watch = ConfigChangeWatch.of(settings("Deployer"));

        write("222233334444", "Admin", "");
        watch.checkIfChanged();

        assertThat(watch.warning()).hasValueSatisfying((warning) -> assertThat(warning)
            .contains("account 111122223333 → 222233334444")
            .doesNotContain("Admin"));
    }

    @Test
    void settingsFromPropertiesAloneAreNotWatched() throws IOException {
        ConfigChangeWatch watch = ConfigChangeWatch.of(new SsoSettings(SettingsSource.PROPERTIES, "corp",
                "https://d-0000000000.awsapps.com/start", "us-east-1", "111122223333", "ReadOnly",
                List.of("sso:account:access"), null));

        write("222233334444", "Admin", "");
        watch.checkIfChanged();

        assertThat(watch.warning()).isEmpty();
    }

    private SsoSettings settings(String roleName) {
        return new SsoSettings(new SettingsSource("dev", this.config), "corp", "https://d-0000000000.awsapps.com/start",
                "us-east-1", "111122223333", roleName, List.of("sso:account:access"), null);
    }

    private void write(String account, String role, String more) throws IOException {
        Files.writeString(this.config, SESSION + "\n[profile dev]\nsso_session = corp\nsso_account_id = " + account
                + "\nsso_role_name = " + role + "\n" + more);
    }
}
