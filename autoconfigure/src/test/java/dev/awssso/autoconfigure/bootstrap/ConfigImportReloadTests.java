package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.services.ssm.SsmClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud AWS's reload of imported Parameter Store configuration
 * ({@code spring.cloud.aws.parameterstore.reload.*}) goes on reading with fresh credentials after those the import
 * used have expired and the token was refreshed: the emulator refuses expired credentials, so a client holding
 * the first ones would stop seeing changes.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ConfigImportReloadTests {

    private static final Duration LIFETIME = Duration.ofSeconds(3);

    @TempDir
    Path home;

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void aChangedParameterIsReadAfterTheCredentialsAndTheTokenWereRefreshed(IdentityCenterEmulator emulator) {
        emulator.setTokenLifetime(LIFETIME);
        emulator.setCredentialsLifetime(LIFETIME);
        emulator.parameterStore().putString("/config/my-app/greeting", "first");
        emulator.signIn(ImportTestApplication.SESSION).writeCacheFile(ImportTestApplication.cacheDir(this.home));
        Instant started = Instant.now();

        this.context = ImportTestApplication.run("reload", emulator, this.home);
        assertThat(this.context.getEnvironment().getProperty("greeting")).isEqualTo("first");
        long fetchesForTheImport = emulator.callCount(Operation.GET_ROLE_CREDENTIALS);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> Instant.now().isAfter(started.plus(LIFETIME.multipliedBy(2)))
                    && emulator.callCount(Operation.CREATE_TOKEN) >= 1
                    && emulator.callCount(Operation.GET_ROLE_CREDENTIALS) > fetchesForTheImport);
        emulator.parameterStore().putString("/config/my-app/greeting", "second");

        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.context.getEnvironment().getProperty("greeting"), "second"::equals);
        assertThat(this.context.getBeansOfType(SsoEngine.class)).hasSize(1);
        assertThat(this.context.getBean(SsmClient.class)
            .serviceClientConfiguration()
            .credentialsProvider()
            .resolveIdentity()
            .join()
            .accessKeyId())
            .isEqualTo(this.context.getBean(SsoEngine.class).credentialsProvider().resolveCredentials().accessKeyId());
    }

}
