package dev.awssso.test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One emulator per distinct configuration, shared through Spring's test context cache, and closed with its
 * context after the application's beans.
 */
class ContextCachingTests {

    @Test
    void testClassesWithTheSameAttributesShareOneContextAndOneEmulator() {
        ApplicationContext first = context(SignedIn.class);
        ApplicationContext second = context(AlsoSignedIn.class);

        assertThat(second).isSameAs(first);
        assertThat(second.getBean(IdentityCenterEmulator.class)).isSameAs(first.getBean(IdentityCenterEmulator.class));
        assertThat(first.getBean(IdentityCenterEmulator.class).sessions()).as("signed in once").hasSize(1);
    }

    @Test
    void otherAttributesGetTheirOwnEmulator() {
        IdentityCenterEmulator signedIn = context(SignedIn.class).getBean(IdentityCenterEmulator.class);
        IdentityCenterEmulator signedOut = context(SignedOut.class).getBean(IdentityCenterEmulator.class);

        assertThat(signedOut).isNotSameAs(signedIn);
        assertThat(signedOut.endpoint()).isNotEqualTo(signedIn.endpoint());
    }

    @Test
    void theEmulatorAndItsHomeGoWithTheContextAfterTheApplicationsBeans() {
        TestContext testContext = new TestContextManager(Closed.class).getTestContext();
        ApplicationContext context = testContext.getApplicationContext();
        IdentityCenterEmulator emulator = context.getBean(IdentityCenterEmulator.class);
        Path home = Path.of(context.getEnvironment().getProperty("HOME"));
        assertThat(home.resolve(".aws/sso/cache")).isNotEmptyDirectory();

        testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);

        assertThat(EmulatorProbe.isRunning(emulator.endpoint())).as("emulator closed").isFalse();
        assertThat(home).doesNotExist();
        assertThat(ApplicationBean.emulatorRunningAtDestruction).as("the application's bean saw the emulator running")
            .containsExactly(true);
    }

    @Test
    void aContextThatFailsBeforeItsBeansStopsItsEmulator() throws IOException {
        Set<Path> homesBefore = emulatorHomes();

        assertThatIllegalStateException().isThrownBy(() -> context(FailsToStart.class))
            .withRootCauseInstanceOf(ConfigDataResourceNotFoundException.class);

        assertThat(emulatorHomes()).as("no home left behind").isEqualTo(homesBefore);
    }

    private static Set<Path> emulatorHomes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter((file) -> file.getFileName().toString().startsWith("aws-sso-test"))
                .collect(Collectors.toSet());
        }
    }

    private static ApplicationContext context(Class<?> testClass) {
        return new TestContextManager(testClass).getTestContext().getApplicationContext();
    }

    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator
    static class SignedIn {

    }

    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator(signedIn = true)
    static class AlsoSignedIn {

    }

    @SpringBootTest(classes = TestApplication.class)
    @AutoConfigureAwsSsoEmulator(signedIn = false)
    static class SignedOut {

    }

    @SpringBootTest(classes = TestApplication.class, properties = "spring.config.import=file:${HOME}/missing.yml")
    @AutoConfigureAwsSsoEmulator
    static class FailsToStart {

    }

    @SpringBootTest(classes = ApplicationWithABean.class)
    @AutoConfigureAwsSsoEmulator
    static class Closed {

    }

    @SpringBootConfiguration
    static class ApplicationWithABean {

        @Bean
        ApplicationBean applicationBean(Environment environment) {
            return new ApplicationBean(URI.create(environment.getRequiredProperty("aws.sso.endpoint.portal")));
        }

    }

    /** A bean that calls the emulator when it is destroyed, as an engine signing out on close would. */
    record ApplicationBean(URI endpoint) implements DisposableBean {

        static final List<Boolean> emulatorRunningAtDestruction = new CopyOnWriteArrayList<>();

        @Override
        public void destroy() {
            emulatorRunningAtDestruction.add(EmulatorProbe.isRunning(this.endpoint));
        }

    }

}
