package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another role in {@code ~/.aws/config} while the application runs: the engine keeps the role it started with, and
 * says so once in the log and in the status until the application restarts.
 */
class ConfigChangeTests {

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

    private final LogCapture log = new LogCapture();

    @TempDir
    Path home;

    private SsoEngine engine;

    @AfterEach
    void close() {
        this.log.close();
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void anotherRoleInTheProfileIsLoggedOnceAndShownInTheStatusWhileTheOldRoleIsServed() throws IOException {
        Path config = this.home.resolve("config");
        writeProfile(config, "ReadOnly");
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.home.resolve("sso/cache"));
        SsoSettings settings = new SsoSettings(new SettingsSource("dev", config), EngineFixture.SESSION,
                this.emulator.startUrl(), this.emulator.ssoRegion(), EngineFixture.ACCOUNT, "ReadOnly",
                List.of("sso:account:access"), "eu-west-1");
        this.engine = SsoEngine.start(settings, EngineFixture.options(this.emulator, this.home.resolve("sso/cache"))
            .build());

        writeProfile(config, "AdministratorAccess");
        Eventually.await("the status shows the change", Duration.ofSeconds(10),
                () -> !this.engine.status().warnings().isEmpty());

        assertThat(this.engine.status().warnings()).singleElement().asString()
            .contains("profile 'dev'", "role 'ReadOnly' → 'AdministratorAccess'", "restart");
        assertThat(this.engine.credentialsProvider().resolveCredentials()).isNotNull();
        assertThat(this.engine.status().identity().roleName()).isEqualTo("ReadOnly");
        assertThat(this.log.warnings()).filteredOn((line) -> line.contains("restart")).singleElement().asString()
            .contains("role 'ReadOnly' → 'AdministratorAccess'");
    }

    private static void writeProfile(Path config, String role) throws IOException {
        Files.writeString(config, "[sso-session my-sso]\nsso_start_url = https://d-0000000000.awsapps.com/start\n"
                + "sso_region = us-east-1\n\n[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\n"
                + "sso_role_name = " + role + "\n");
    }
}
