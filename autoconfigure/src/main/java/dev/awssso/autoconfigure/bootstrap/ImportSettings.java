package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.core.config.AwsPaths;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.config.SsoSettingsResolver;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The IAM Identity Center configuration as the bootstrap sees it while configuration is imported: the
 * {@code aws.sso.*} properties bound from the {@link Binder} of the documents loaded so far, and the
 * {@code HOME}, {@code AWS_PROFILE} and {@code AWS_CONFIG_FILE} variables and {@code user.home} as that binder
 * finds them (environment variables, or properties of those names), resolved as the application context resolves
 * them later.
 * @param properties the bound {@code aws.sso.*} properties
 * @param settings the resolved settings, empty when nothing configures IAM Identity Center
 * @param cacheDirectory the token cache directory
 */
record ImportSettings(AwsSsoProperties properties, Optional<SsoSettings> settings, Path cacheDirectory) {

    /** Binder names of the environment variables, in the relaxed form that finds them either way. */
    private static final Map<String, String> VARIABLES = Map.of("HOME", "home", "AWS_PROFILE", "aws-profile",
            "AWS_CONFIG_FILE", "aws-config-file", "AWS_SHARED_CREDENTIALS_FILE", "aws-shared-credentials-file");

    /**
     * Resolves the configuration the binder sees.
     * @throws dev.awssso.core.config.SsoConfigurationException listing every problem of the configuration
     */
    static ImportSettings resolve(Binder binder) {
        AwsSsoProperties properties = binder.bind(AwsSsoProperties.PREFIX, AwsSsoProperties.class)
            .orElseGet(AwsSsoProperties::new);
        Map<String, String> variables = new HashMap<>();
        VARIABLES.forEach((variable, name) -> binder.bind(name, String.class)
            .ifBound((value) -> variables.put(variable, value)));
        String userHome = binder.bind("user.home", String.class).orElseGet(() -> System.getProperty("user.home"));
        Optional<SsoSettings> settings = properties.isEnabled()
                ? new SsoSettingsResolver(variables, userHome).resolve(properties.toInlineSettings())
                : Optional.empty();
        AwsPaths paths = new AwsPaths(variables, userHome);
        String configured = properties.getCacheDir();
        Path cacheDirectory = (configured != null && !configured.isBlank()) ? paths.expand(configured)
                : paths.tokenCacheDirectory();
        return new ImportSettings(properties, settings, cacheDirectory);
    }

}
