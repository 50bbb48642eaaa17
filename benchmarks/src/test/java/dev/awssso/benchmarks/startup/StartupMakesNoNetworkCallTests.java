package dev.awssso.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting an application with the starter makes no call to Identity Center or STS: credentials are fetched when
 * first asked for, not at start-up, and the background maintenance stays quiet until then: the tests see it make
 * several passes (it adopts a changed cache file) before they count the calls. Also checks that the start-up
 * benchmark's two variants are what they claim to be.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class StartupMakesNoNetworkCallTests {

    /** Background maintenance passes every 50 ms. */
    private static final String[] FAST_MAINTENANCE = { "--aws.sso.check-interval=50ms" };

    /** How many maintenance passes the application must have made before its silence counts. */
    private static final int PASSES = 3;

    @TempDir
    Path home;

    @Test
    void aSignedInApplicationStartsWithoutCallingIdentityCenterOrSts(IdentityCenterEmulator emulator) {
        emulator.signIn("bench").writeCacheFile(cacheDirectory());

        try (ConfigurableApplicationContext context = StartupApplication
            .start(StartupArguments.of(emulator, this.home, true, true, FAST_MAINTENANCE))) {
            assertThat(context.getBean(AwsCredentialsProvider.class))
                .isInstanceOf(IdentityCenterCredentialsProvider.class);
            assertThat(context.getBean(StsClient.class)).isNotNull();
            SsoEngine engine = context.getBean(SsoEngine.class);
            // a sign-in from a terminal is adopted by a maintenance pass, without a call
            for (int pass = 0; pass < PASSES; pass++) {
                EmulatedSession signIn = emulator.signIn("bench");
                signIn.writeCacheFile(cacheDirectory());
                await().atMost(Duration.ofSeconds(10)).until(() -> engine.tokens().currentToken()
                    .filter((token) -> token.accessToken().equals(signIn.accessToken()))
                    .isPresent());
            }

            assertNoCalls(emulator);

            context.getBean(AwsCredentialsProvider.class).resolveCredentials();
            assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("the first use fetches").isOne();
        }
    }

    @Test
    void anApplicationNobodySignedInToStartsWithoutCallingIdentityCenterOrSts(IdentityCenterEmulator emulator)
            throws IOException {
        try (ConfigurableApplicationContext context = StartupApplication
            .start(StartupArguments.of(emulator, this.home, true, true, FAST_MAINTENANCE))) {
            assertThat(context.getBean(AwsCredentialsProvider.class))
                .isInstanceOf(IdentityCenterCredentialsProvider.class);
            SsoEngine engine = context.getBean(SsoEngine.class);
            // a maintenance pass notices a file that cannot be read, and the next one that it is gone
            Path file = engine.tokens().cacheFile().path();
            Files.createDirectories(file.getParent());
            for (int pass = 0; pass < PASSES; pass++) {
                Files.writeString(file, "{");
                await().atMost(Duration.ofSeconds(10)).until(() -> engine.tokens().unreadableFile().isPresent());
                Files.delete(file);
                await().atMost(Duration.ofSeconds(10)).until(() -> engine.tokens().unreadableFile().isEmpty());
            }
        }

        assertNoCalls(emulator);
    }

    @Test
    void theBaselineOfTheStartupBenchmarkHasNothingOfTheStarter(IdentityCenterEmulator emulator) {
        emulator.signIn("bench").writeCacheFile(cacheDirectory());

        try (ConfigurableApplicationContext context = StartupApplication
            .start(StartupArguments.of(emulator, this.home, false, true))) {
            assertThat(context.getBeanNamesForType(AwsCredentialsProvider.class)).isEmpty();
            assertThat(context.getBeansOfType(Object.class).values())
                .noneMatch((bean) -> bean.getClass().getName().startsWith("dev.awssso.autoconfigure."));
            assertThat(context.getBean(StsClient.class)).isNotNull();
        }

        assertNoCalls(emulator);
    }

    private Path cacheDirectory() {
        return this.home.resolve(".aws").resolve("sso").resolve("cache");
    }

    private static void assertNoCalls(IdentityCenterEmulator emulator) {
        for (Operation operation : Operation.values()) {
            assertThat(emulator.callCount(operation)).as("%s calls", operation).isZero();
        }
    }
}
