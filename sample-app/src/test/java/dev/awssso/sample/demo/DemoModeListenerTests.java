package dev.awssso.sample.demo;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Demo mode's emulator: started with the application, its values overridable, stopped with it. */
class DemoModeListenerTests {

    @Test
    void startsTheEmulatorBeforeTheContextAndStopsItWithTheContext() {
        IdentityCenterEmulator emulator;
        Path cacheDir;
        try (ConfigurableApplicationContext context = run("--aws.sso.role-name=AdministratorAccess")) {
            emulator = context.getBean(IdentityCenterEmulator.class);
            cacheDir = Path.of(context.getEnvironment().getProperty("aws.sso.cache-dir"));
            assertThat(context.getEnvironment().getProperty("aws.sso.endpoint.portal"))
                .isEqualTo(emulator.endpoint().toString());
            assertThat(context.getEnvironment().getProperty("aws.sso.role-name")).as("set elsewhere, so kept")
                .isEqualTo("AdministratorAccess");
            assertThat(cacheDir).isDirectoryContaining((file) -> file.getFileName().toString().endsWith(".json"));
        }
        assertThat(cacheDir).doesNotExist();
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
            HttpURLConnection connection = (HttpURLConnection) URI.create(emulator.endpoint() + "/")
                .toURL()
                .openConnection();
            connection.setConnectTimeout(1000);
            connection.getResponseCode();
        });
    }

    @Test
    void startsNoEmulatorWhenDisabled() throws IOException {
        Path emptyConfig = Files.createTempFile("aws-config", "");
        // without SSO settings, the STS client takes its region from the SDK's chain, as on an IAM role
        System.setProperty("aws.region", "us-east-1");
        try (ConfigurableApplicationContext context = run("--sample.emulator.enabled=false",
                "--aws.sso.config-file=" + emptyConfig)) {
            assertThat(context.getBeanNamesForType(IdentityCenterEmulator.class)).isEmpty();
            assertThat(context.getEnvironment().getPropertySources().stream().map(PropertySource::getName))
                .doesNotContain(DemoModeListener.PROPERTY_SOURCE_NAME);
        }
        finally {
            System.clearProperty("aws.region");
            Files.delete(emptyConfig);
        }
    }

    @Test
    void startsNoEmulatorWhileTheApplicationIsAotProcessed() throws IOException {
        Path emptyConfig = Files.createTempFile("aws-config", "");
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        System.setProperty("aws.region", "us-east-1");
        try (ConfigurableApplicationContext context = run("--aws.sso.config-file=" + emptyConfig)) {
            assertThat(context.getBeanNamesForType(IdentityCenterEmulator.class)).isEmpty();
            assertThat(context.getEnvironment().getProperty("aws.sso.start-url")).isNull();
        }
        finally {
            System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
            System.clearProperty("aws.region");
            Files.delete(emptyConfig);
        }
    }

    private static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
            .run(concat(args, "--sample.identity-log.enabled=false"));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
