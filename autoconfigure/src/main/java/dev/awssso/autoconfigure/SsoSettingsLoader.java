package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.awssso.core.config.AwsPaths;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.config.SsoSettingsResolver;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Resolves {@link SsoSettings} from the Spring {@link Environment}: the {@code aws.sso.*} properties, and the
 * {@code HOME}, {@code AWS_PROFILE} and {@code AWS_CONFIG_FILE} variables and {@code user.home} as the
 * environment sees them (so tests and containers can set them as properties too).
 */
final class SsoSettingsLoader {

    private static final List<String> ENVIRONMENT_VARIABLES = List.of("HOME", "AWS_PROFILE", "AWS_CONFIG_FILE");

    private final Environment environment;

    private final AwsSsoProperties properties;

    SsoSettingsLoader(Environment environment, AwsSsoProperties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /** A loader for the {@code aws.sso.*} properties bound from {@code environment}. */
    static SsoSettingsLoader bind(Environment environment) {
        AwsSsoProperties properties = Binder.get(environment)
            .bind(AwsSsoProperties.PREFIX, AwsSsoProperties.class)
            .orElseGet(AwsSsoProperties::new);
        return new SsoSettingsLoader(environment, properties);
    }

    /**
     * The resolved settings, or empty when nothing configures IAM Identity Center.
     * @throws dev.awssso.core.config.SsoConfigurationException listing every problem of the configuration
     */
    Optional<SsoSettings> load() {
        return new SsoSettingsResolver(environmentVariables(), userHome()).resolve(this.properties.toInlineSettings());
    }

    /** The token cache directory: {@code aws.sso.cache-dir}, else {@code ~/.aws/sso/cache}. */
    Path cacheDirectory() {
        AwsPaths paths = new AwsPaths(environmentVariables(), userHome());
        String configured = this.properties.getCacheDir();
        return (configured != null && !configured.isBlank()) ? paths.expand(configured) : paths.tokenCacheDirectory();
    }

    private Map<String, String> environmentVariables() {
        Map<String, String> variables = new HashMap<>();
        for (String name : ENVIRONMENT_VARIABLES) {
            String value = this.environment.getProperty(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return variables;
    }

    private String userHome() {
        return this.environment.getProperty("user.home", System.getProperty("user.home"));
    }
}
