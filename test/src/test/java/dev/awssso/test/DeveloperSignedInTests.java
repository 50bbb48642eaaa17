package dev.awssso.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer signed in to a real profile runs the tests: this module's test JVM has {@code HOME},
 * {@code AWS_PROFILE} and {@code AWS_CONFIG_FILE} of such a developer (see the surefire configuration). The
 * starter's settings are the emulator's, and the developer's files are neither used nor changed.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureAwsSsoEmulator
class DeveloperSignedInTests {

    private static final Path developerHome = Path.of(System.getenv("HOME"));

    private static Map<Path, String> before;

    @Autowired
    Environment environment;

    @Autowired
    IdentityCenterEmulator emulator;

    @BeforeAll
    static void aDeveloperSignedInToARealProfile() throws IOException {
        assertThat(System.getenv("AWS_PROFILE")).as("run by Maven with the developer's environment")
            .isEqualTo("developer");
        Path config = Path.of(System.getenv("AWS_CONFIG_FILE"));
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                [profile developer]
                sso_session = company
                sso_account_id = 999988887777
                sso_role_name = PowerUser
                region = eu-central-1

                [sso-session company]
                sso_start_url = https://d-9999999999.awsapps.com/start
                sso_region = eu-central-1
                """);
        Path cacheFile = developerHome.resolve(".aws/sso/cache").resolve(EmulatorProbe.cacheFileName("company"));
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, """
                {"startUrl": "https://d-9999999999.awsapps.com/start", "region": "eu-central-1", \
                "accessToken": "the-developers-token", "expiresAt": "2099-01-01T00:00:00Z"}""");
        before = snapshot(developerHome);
    }

    @Test
    void theStarterIsPointedAwayFromTheDevelopersProfile() {
        assertThat(this.environment.getProperty("AWS_PROFILE")).isEmpty();
        assertThat(this.environment.getProperty("AWS_CONFIG_FILE")).isEmpty();
        assertThat(Path.of(this.environment.getProperty("HOME"))).isNotEqualTo(developerHome);
        assertThat(Path.of(this.environment.getProperty("aws.sso.cache-dir")).startsWith(developerHome)).isFalse();
        assertThat(this.environment.getProperty("aws.sso.start-url")).isEqualTo(this.emulator.startUrl());
        assertThat(this.environment.getProperty("aws.sso.account-id")).isEqualTo("111122223333");
    }

    @AfterAll
    static void theDevelopersFilesAreUnchanged() throws IOException {
        assertThat(snapshot(developerHome)).isEqualTo(before);
    }

    /** Every file under {@code home} with its content and modification time. */
    private static Map<Path, String> snapshot(Path home) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                FileTime modified = Files.getLastModifiedTime(path);
                files.put(path, modified + " " + Files.readString(path));
            }
        }
        return files;
    }

}
