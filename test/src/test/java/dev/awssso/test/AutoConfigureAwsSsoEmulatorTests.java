package dev.awssso.test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * What {@link AutoConfigureAwsSsoEmulator} gives a test context: the emulator as a bean, a sign-in in a private
 * token cache, and the starter's settings pointing at both, with the defaults and with each attribute.
 */
class AutoConfigureAwsSsoEmulatorTests {

    @Nested
    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator
    class Defaults {

        @Autowired
        IdentityCenterEmulator emulator;

        @Autowired
        Environment environment;

        @Test
        void pointsTheStarterAtTheEmulator() {
            String endpoint = this.emulator.endpoint().toString();
            assertThat(this.environment.getProperty("aws.sso.start-url")).isEqualTo(this.emulator.startUrl());
            assertThat(this.environment.getProperty("aws.sso.sso-region")).isEqualTo("us-east-1");
            assertThat(this.environment.getProperty("aws.sso.sso-session")).isEqualTo("emulator");
            assertThat(this.environment.getProperty("aws.sso.account-id")).isEqualTo("111122223333");
            assertThat(this.environment.getProperty("aws.sso.role-name")).isEqualTo("ReadOnly");
            assertThat(this.environment.getProperty("aws.sso.region")).isEqualTo("us-east-1");
            for (String service : new String[] { "oidc", "portal", "sts" }) {
                assertThat(this.environment.getProperty("aws.sso.endpoint." + service)).isEqualTo(endpoint);
            }
            assertThat(this.environment.getProperty("spring.cloud.aws.parameterstore.endpoint")).isEqualTo(endpoint);
            assertThat(this.environment.getProperty("spring.cloud.aws.secretsmanager.endpoint")).isEqualTo(endpoint);
        }

        @Test
        void signsInWithTheTokenInAPrivateCacheDirectory() {
            Path home = Path.of(this.environment.getProperty("HOME"));
            Path cacheDir = Path.of(this.environment.getProperty("aws.sso.cache-dir"));

            assertThat(home.getFileName().toString()).startsWith("aws-sso-test");
            assertThat(cacheDir).isEqualTo(home.resolve(".aws/sso/cache"));
            assertThat(this.emulator.sessions()).hasSize(1);
            EmulatedSession session = this.emulator.latestSession();
            assertThat(session.sessionName()).isEqualTo("emulator");
            assertThat(cacheDir.resolve(EmulatorProbe.cacheFileName("emulator")))
                .content()
                .contains("\"accessToken\": \"" + session.accessToken() + "\"",
                        "\"refreshToken\": \"" + session.refreshToken() + "\"");
        }

        @Test
        void readsNoSharedConfigFile() {
            assertThat(this.environment.getProperty("AWS_PROFILE")).isEmpty();
            assertThat(this.environment.getProperty("AWS_CONFIG_FILE")).isEmpty();
            assertThat(this.environment.getProperty("aws.sso.profile")).isEmpty();
            assertThat(this.environment.getProperty("aws.sso.config-file")).isEmpty();
            assertThat(Path.of(this.environment.getProperty("HOME")).resolve(".aws/config")).doesNotExist();
        }

    }

    @Nested
    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator(signedIn = false)
    class SignedOut {

        @Autowired
        IdentityCenterEmulator emulator;

        @Autowired
        Environment environment;

        @Test
        void nobodyIsSignedInAndTheCacheIsEmpty() {
            assertThat(this.emulator.sessions()).isEmpty();
            assertThat(Path.of(this.environment.getProperty("aws.sso.cache-dir"))).doesNotExist();
            assertThat(Path.of(this.environment.getProperty("HOME"))).isEmptyDirectory();
        }

        @Test
        void theTestCanSignInThroughTheEmulator() {
            Path cacheDir = Path.of(this.environment.getProperty("aws.sso.cache-dir"));

            this.emulator.signIn("emulator").writeCacheFile(cacheDir);

            assertThat(cacheDir.resolve(EmulatorProbe.cacheFileName("emulator"))).exists();
        }

    }

    @Nested
    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator(sessionName = "corp", accountId = "444455556666", roleName = "Deploy",
            region = "eu-central-1", tokenLifetime = "30m", credentialsLifetime = "PT20M", sessionDuration = "2h")
    class WithAttributes {

        @Autowired
        IdentityCenterEmulator emulator;

        @Autowired
        Environment environment;

        @Test
        void theSettingsNameTheSessionAccountRoleAndRegion() {
            assertThat(this.environment.getProperty("aws.sso.sso-session")).isEqualTo("corp");
            assertThat(this.environment.getProperty("aws.sso.account-id")).isEqualTo("444455556666");
            assertThat(this.environment.getProperty("aws.sso.role-name")).isEqualTo("Deploy");
            assertThat(this.environment.getProperty("aws.sso.region")).isEqualTo("eu-central-1");
            assertThat(this.environment.getProperty("aws.sso.sso-region")).as("the emulator's own region")
                .isEqualTo("us-east-1");
            assertThat(Path.of(this.environment.getProperty("aws.sso.cache-dir"))
                .resolve(EmulatorProbe.cacheFileName("corp"))).exists();
        }

        @Test
        void theLifetimesAreTheEmulators() {
            EmulatedSession session = this.emulator.latestSession();
            Instant signedIn = session.sessionEndsAt().minus(Duration.ofHours(2));

            assertThat(signedIn).isCloseTo(Instant.now(), within(Duration.ofMinutes(5)));
            assertThat(session.expiresAt()).isEqualTo(signedIn.plus(Duration.ofMinutes(30)));
            assertThat(EmulatorProbe.roleCredentialsExpiry(this.emulator, session, "444455556666", "Deploy"))
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(20)), within(Duration.ofMinutes(5)));
        }

        @Test
        void theAccountIsListedWithTheRole() {
            assertThat(EmulatorProbe.listAccounts(this.emulator, this.emulator.latestSession()))
                .contains("\"accountId\":\"444455556666\"");
        }

    }

    @Nested
    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator(parameters = { "/config/app/greeting=hello", "/config/app/url=http://x/?a=b" },
            secrets = "app/db={\"db.password\":\"s3cr3t\"}")
    class WithParametersAndSecrets {

        @Autowired
        IdentityCenterEmulator emulator;

        @Test
        void theEmulatorHoldsThemFromTheStart() {
            // deleting tells whether it was there; this context serves this one test
            assertThat(this.emulator.parameterStore().delete("/config/app/greeting")).isTrue();
            assertThat(this.emulator.parameterStore().delete("/config/app/url")).as("split at the first =").isTrue();
            assertThat(this.emulator.secretsManager().delete("app/db")).isTrue();
        }

    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, properties = "aws.sso.region=ap-southeast-2")
    @AutoConfigureAwsSsoEmulator
    class WithTestProperties {

        @Autowired
        Environment environment;

        @Test
        void theTestsOwnPropertiesWin() {
            assertThat(this.environment.getProperty("aws.sso.region")).isEqualTo("ap-southeast-2");
            assertThat(this.environment.getProperty("aws.sso.account-id")).isEqualTo("111122223333");
        }

    }

    @Test
    void aLifetimeThatIsNoDurationNamesTheAttributeAndTheForm() {
        AutoConfigureAwsSsoEmulator settings = BadLifetime.class.getAnnotation(AutoConfigureAwsSsoEmulator.class);

        assertThatIllegalArgumentException()
            .isThrownBy(() -> EmulatorHome.start(settings))
            .withMessage("@AutoConfigureAwsSsoEmulator(tokenLifetime = \"an hour\") is not a duration: "
                    + "write it as 30m, 2h or PT30M");
    }

    @Test
    void aParameterThatIsNoNameAndValueSaysHowToWriteIt() {
        AutoConfigureAwsSsoEmulator settings = BadSecret.class.getAnnotation(AutoConfigureAwsSsoEmulator.class);

        assertThatIllegalArgumentException().isThrownBy(() -> EmulatorHome.start(settings))
            .withMessage("@AutoConfigureAwsSsoEmulator(secrets) has an entry that is not name=value: write each as "
                    + "\"/config/my-app/greeting=hello\"")
            .withMessageNotContaining("s3cr3t");
    }

    @Test
    void aContextOfNoSpringBootTestIsRefusedWithTheFix() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new TestContextManager(PlainSpringTest.class).getTestContext().getApplicationContext())
            .havingRootCause()
            .withMessage("@AutoConfigureAwsSsoEmulator on " + PlainSpringTest.class.getName() + " needs a Spring Boot "
                    + "test context: annotate the class with @SpringBootTest or a test slice such as @WebMvcTest");
    }

    @ContextConfiguration(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator
    static class PlainSpringTest {

    }

    @AutoConfigureAwsSsoEmulator(tokenLifetime = "an hour")
    static class BadLifetime {

    }

    @AutoConfigureAwsSsoEmulator(secrets = "s3cr3t")
    static class BadSecret {

    }

}
