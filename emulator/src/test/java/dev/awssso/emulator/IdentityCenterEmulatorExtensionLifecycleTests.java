package dev.awssso.emulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * When {@link IdentityCenterEmulatorExtension} starts and closes its emulator: once per class as a static field,
 * once per test as an instance field or with {@code @ExtendWith}. Each case runs a test class of its own through
 * the JUnit launcher (the build reports those too) and looks at the emulators its tests saw.
 */
class IdentityCenterEmulatorExtensionLifecycleTests {

    private static final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Test
    void asAStaticFieldOneEmulatorServesTheClassFromBeforeAllToAfterAll() {
        assertThat(run(StaticField.class).getTestsSucceededCount()).isEqualTo(3);

        assertThat(seen).extracting(Seen::where)
            .containsExactly("@BeforeAll", "test", "test", "nested test", "@AfterAll");
        assertThat(seen).extracting(Seen::emulator).as("one emulator").containsOnly(seen.get(0).emulator());
        assertThat(seen).as("running at @AfterAll").last().extracting(Seen::running).isEqualTo(true);
        assertThat(isRunning(seen.get(0).emulator())).as("closed after the class").isFalse();
    }

    @Test
    void asAnInstanceFieldEachTestHasItsOwnEmulator() {
        assertThat(run(InstanceField.class).getTestsSucceededCount()).isEqualTo(2);

        assertThat(seen).extracting(Seen::where).containsExactly("@BeforeEach", "test", "@BeforeEach", "test");
        assertThat(seen.get(1).emulator()).isSameAs(seen.get(0).emulator());
        assertThat(seen.get(2).emulator()).isNotSameAs(seen.get(0).emulator());
        assertThat(seen).extracting(Seen::emulator).noneMatch(IdentityCenterEmulatorExtensionLifecycleTests::isRunning);
    }

    @Test
    void withExtendWithEachTestHasItsOwnEmulator() {
        assertThat(run(ExtendedWith.class).getTestsSucceededCount()).isEqualTo(2);

        assertThat(seen).extracting(Seen::emulator).doesNotHaveDuplicates()
            .noneMatch(IdentityCenterEmulatorExtensionLifecycleTests::isRunning);
    }

    @Test
    void anInstanceFieldsEmulatorIsNotReachableInBeforeAllOfAClassWithOneInstance() {
        assertThat(run(InstanceFieldInBeforeAll.class).getTestsSucceededCount()).isOne();

        assertThat(InstanceFieldInBeforeAll.failure).hasMessageContaining("No test is running")
            .hasMessageContaining("make the field static");
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        seen.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static boolean isRunning(IdentityCenterEmulator emulator) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint()).build(),
                    BodyHandlers.discarding());
            return true;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void saw(String where, IdentityCenterEmulator emulator) {
        seen.add(new Seen(where, emulator, isRunning(emulator)));
    }

    record Seen(String where, IdentityCenterEmulator emulator, boolean running) {
    }

    static class StaticField {

        @RegisterExtension
        static final IdentityCenterEmulatorExtension extension = new IdentityCenterEmulatorExtension();

        @BeforeAll
        static void beforeAll(IdentityCenterEmulator emulator) {
            assertThat(extension.get()).isSameAs(emulator);
            saw("@BeforeAll", emulator);
        }

        @Test
        void first(IdentityCenterEmulator emulator) {
            assertThat(extension.get()).isSameAs(emulator);
            saw("test", emulator);
        }

        @Test
        void second() {
            saw("test", extension.get());
        }

        @AfterAll
        static void afterAll() {
            saw("@AfterAll", extension.get());
        }

        @Nested
        class Inner {

            @Test
            void nested(IdentityCenterEmulator emulator) {
                saw("nested test", emulator);
            }

        }

    }

    static class InstanceField {

        @RegisterExtension
        final IdentityCenterEmulatorExtension extension = new IdentityCenterEmulatorExtension();

        @BeforeEach
        void beforeEach(IdentityCenterEmulator emulator) {
            saw("@BeforeEach", emulator);
        }

        @Test
        void first() {
            saw("test", this.extension.get());
        }

        @Test
        void second() {
            saw("test", this.extension.get());
        }

    }

    @ExtendWith(IdentityCenterEmulatorExtension.class)
    static class ExtendedWith {

        @Test
        void first(IdentityCenterEmulator emulator) {
            saw("test", emulator);
        }

        @Test
        void second(IdentityCenterEmulator emulator) {
            saw("test", emulator);
        }

    }

    @TestInstance(Lifecycle.PER_CLASS)
    static class InstanceFieldInBeforeAll {

        static volatile RuntimeException failure;

        @RegisterExtension
        final IdentityCenterEmulatorExtension extension = new IdentityCenterEmulatorExtension();

        @BeforeAll
        void beforeAll() {
            try {
                this.extension.get();
            }
            catch (RuntimeException ex) {
                failure = ex;
            }
        }

        @Test
        void test() {
        }

    }

}
