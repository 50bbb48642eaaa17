package dev.awssso.benchmarks.startup;

import java.nio.file.Path;

import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
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

/**
 * Starting an application with the starter makes no call to Identity Center or STS: credentials are fetched when
 * first asked for, not at start-up, and the background maintenance stays quiet until then. Also checks that the
 * start-up benchmark's two variants are what they claim to be.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class StartupMakesNoNetworkCallTests {

    /** Several background maintenance passes after start-up. */
    private static final String[] FAST_MAINTENANCE = { "--aws.sso.check-interval=50ms" };

    @TempDir
    Path home;

    @Test
    void aSignedInApplicationStartsWithoutCallingIdentityCenterOrSts(IdentityCenterEmulator emulator)
            throws InterruptedException {
        emulator.signIn("bench").writeCacheFile(cacheDirectory());

        try (ConfigurableApplicationContext context = StartupApplication
            .start(StartupArguments.of(emulator, this.home, true, true, FAST_MAINTENANCE))) {
            assertThat(context.getBean(AwsCredentialsProvider.class))
                .isInstanceOf(IdentityCenterCredentialsProvider.class);
            assertThat(context.getBean(StsClient.class)).isNotNull();
            // an absence of calls can only be shown over time: about ten background checks (every 50 ms)
            Thread.sleep(500);

            assertNoCalls(emulator);

            context.getBean(AwsCredentialsProvider.class).resolveCredentials();
            assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).as("the first use fetches").isOne();
        }
    }

    @Test
    void anApplicationNobodySignedInToStartsWithoutCallingIdentityCenterOrSts(IdentityCenterEmulator emulator)
            throws InterruptedException {
        try (ConfigurableApplicationContext context = StartupApplication
            .start(StartupArguments.of(emulator, this.home, true, true, FAST_MAINTENANCE))) {
            assertThat(context.getBean(AwsCredentialsProvider.class))
                .isInstanceOf(IdentityCenterCredentialsProvider.class);
            // an absence of calls can only be shown over time: about ten background checks (every 50 ms)
            Thread.sleep(500);
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
