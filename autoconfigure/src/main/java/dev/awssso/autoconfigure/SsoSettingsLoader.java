package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.awssso.core.config.AwsPaths;
import dev.awssso.core.config.InlineSsoSettings;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.NamedRoleResolver;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.config.SsoSettingsResolver;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Resolves the IAM Identity Center configuration of a Spring {@link Environment}: the {@code aws.sso.*}
 * properties with the named roles of {@code aws.sso.roles}, and the {@code HOME}, {@code AWS_PROFILE} and
 * {@code AWS_CONFIG_FILE} variables, {@code user.home} and {@code user.name} as the environment sees them (so tests
 * and containers can set them as properties too), each read once.
 */
final class SsoSettingsLoader {

    private static final List<String> ENVIRONMENT_VARIABLES = List.of("HOME", "AWS_PROFILE", "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE");

    private final Environment environment;

    private SsoSettingsLoader(Environment environment) {
        this.environment = environment;
    }

    /** Reads the configuration of {@code environment}; problems are kept in the result, not thrown. */
    static SsoConfigurationResolution resolve(Environment environment) {
        return new SsoSettingsLoader(environment).resolve();
    }

    private SsoConfigurationResolution resolve() {
        AwsSsoProperties properties = Binder.get(this.environment)
            .bind(AwsSsoProperties.PREFIX, AwsSsoProperties.class)
            .orElseGet(AwsSsoProperties::new);
        Map<String, String> variables = environmentVariables();
        String userHome = this.environment.getProperty("user.home", System.getProperty("user.home"));
        AwsPaths paths = new AwsPaths(variables, userHome);
        InlineSsoSettings inline = properties.toInlineSettings();
        Path cacheDirectory = cacheDirectory(properties, paths);
        String searched = searched(inline, variables, paths);
        try {
            Optional<SsoSettings> settings = new SsoSettingsResolver(variables, userHome).resolve(inline);
            List<NamedRole> roles = (settings.isPresent() && !properties.getRoles().isEmpty())
                    ? new NamedRoleResolver(variables, userHome, userName()).resolve(settings.get(), inline,
                            properties.toRoleSettings())
                    : List.of();
            return new SsoConfigurationResolution(this.environment, settings.orElse(null), roles, null,
                    cacheDirectory, searched, inline.requestsSso());
        }
        catch (SsoConfigurationException ex) {
            return new SsoConfigurationResolution(this.environment, null, List.of(), ex, cacheDirectory, searched,
                    inline.requestsSso());
        }
    }

    /** The {@code user.name} as the environment sees it, for the default role session name of assumed roles. */
    private String userName() {
        return this.environment.getProperty("user.name", System.getProperty("user.name", ""));
    }

    /** The token cache directory: {@code aws.sso.cache-dir}, else {@code ~/.aws/sso/cache}. */
    private static Path cacheDirectory(AwsSsoProperties properties, AwsPaths paths) {
        String configured = properties.getCacheDir();
        return (configured != null && !configured.isBlank()) ? paths.expand(configured) : paths.tokenCacheDirectory();
    }

    /** Where the settings were looked for, in words: the properties and the profile of the config file. */
    private static String searched(InlineSsoSettings inline, Map<String, String> variables, AwsPaths paths) {
        String profile = inline.profile();
        if (profile == null) {
            String fromEnvironment = variables.get("AWS_PROFILE");
            profile = (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment.trim() : "default";
        }
        Path file = (inline.configFile() != null) ? paths.expand(inline.configFile()) : paths.configFile();
        return "aws.sso.* properties and profile '" + profile + "' of " + file;
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
}
