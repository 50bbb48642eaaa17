package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.emulator.IdentityCenterEmulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application with the starter and Spring Cloud AWS's Parameter Store and Secrets Manager integration, started
 * as {@code java -jar} would start it: its configuration is one of the files in {@code config-import/}, which
 * point Spring Cloud AWS and the starter at the emulator; its home directory is a private one.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ImportTestApplication {

    static final String SESSION = "corp";

    /**
     * Runs the application with {@code config-import/<configName>.yml}.
     * @param arguments further command-line arguments
     */
    static ConfigurableApplicationContext run(String configName, IdentityCenterEmulator emulator, Path home,
            String... arguments) {
        return run(configName, emulator, home, List.of(), arguments);
    }

    /**
     * Runs the application with {@code config-import/<configName>.yml} and {@code listeners}, which hear the
     * application's events from its start on.
     * @param arguments further command-line arguments
     */
    static ConfigurableApplicationContext run(String configName, IdentityCenterEmulator emulator, Path home,
            List<ApplicationListener<?>> listeners, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--spring.config.location=classpath:/config-import/",
                "--spring.config.name=" + configName, "--test.emulator=" + emulator.endpoint(), "--HOME=" + home,
                "--AWS_PROFILE=", "--AWS_CONFIG_FILE=", "--spring.main.banner-mode=off"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(ImportTestApplication.class).web(WebApplicationType.NONE)
            .listeners(listeners.toArray(ApplicationListener<?>[]::new))
            .run(all.toArray(String[]::new));
    }

    static Path cacheDir(Path home) {
        return home.resolve(".aws/sso/cache");
    }

}
