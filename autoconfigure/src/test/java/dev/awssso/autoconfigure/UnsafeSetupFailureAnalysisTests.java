package dev.awssso.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A cache directory other users can change, or a clear-text endpoint, fails start-up with the fix. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class UnsafeSetupFailureAnalysisTests {

    @TempDir
    Path home;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly");
    }

    @Test
    void aCacheDirectoryOthersCanWriteFailsStartUpWithChmod() throws IOException {
        Path cache = Files.createDirectories(this.home.resolve("shared-cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        this.contextRunner.withPropertyValues("aws.sso.cache-dir=" + cache).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(SsoConfigurationFailureAnalyzerAccess.describe(context.getStartupFailure()))
                .contains(cache.toString(), "other users", "chmod 700 " + cache);
        });
    }

    @Test
    void aPlainHttpEndpointToAnotherMachineFailsStartUp() {
        this.contextRunner.withPropertyValues("aws.sso.endpoint.portal=http://sso-proxy.corp.example:8080")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(SsoConfigurationFailureAnalyzerAccess.describe(context.getStartupFailure()))
                    .contains("aws.sso.endpoint.portal", "clear text", "https://sso-proxy.corp.example:8080");
            });
    }
}
