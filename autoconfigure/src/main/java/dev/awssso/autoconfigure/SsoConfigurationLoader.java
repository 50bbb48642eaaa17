package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.awssso.core.config.AwsPaths;
import dev.awssso.core.config.InlineSsoSettings;
import dev.awssso.core.config.LoginSessionResolver;
import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.config.LoginSessionRoleResolver;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.NamedRoleResolver;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.config.SsoSettingsResolver;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * Resolves the {@link SsoConfiguration} a {@link Binder} sees: the {@code aws.sso.*} properties with the named roles
 * of {@code aws.sso.roles}, and the {@code HOME}, {@code AWS_PROFILE}, {@code AWS_CONFIG_FILE} and
 * {@code AWS_SHARED_CREDENTIALS_FILE} variables (and {@code AWS_LOGIN_CACHE_DIRECTORY} and {@code AWS_REGION} for
 * {@code aws login} profiles), {@code user.home} and {@code user.name} as the binder finds them
 * (environment variables, or properties of those names, so that tests and containers can set them as properties
 * too), each read once.
 */
final class SsoConfigurationLoader {

    /** Binder names of the environment variables, in the relaxed form that finds them either way. */
    private static final Map<String, String> VARIABLES = Map.of("HOME", "home", "AWS_PROFILE", "aws-profile",
            "AWS_CONFIG_FILE", "aws-config-file", "AWS_SHARED_CREDENTIALS_FILE", "aws-shared-credentials-file",
            "AWS_LOGIN_CACHE_DIRECTORY", "aws-login-cache-directory", "AWS_REGION", "aws-region");

    private final Binder binder;

    SsoConfigurationLoader(Binder binder) {
        this.binder = binder;
    }

    SsoConfiguration load() {
        AwsSsoProperties properties = this.binder.bind(AwsSsoProperties.PREFIX, AwsSsoProperties.class)
            .orElseGet(AwsSsoProperties::new);
        Map<String, String> variables = environmentVariables();
        String userHome = this.binder.bind("user.home", String.class).orElseGet(() -> System.getProperty("user.home"));
        AwsPaths paths = new AwsPaths(variables, userHome);
        InlineSsoSettings inline = properties.isEnabled() ? AwsSsoPropertiesMapper.inlineSettings(properties)
                : InlineSsoSettings.none();
        Path cacheDirectory = cacheDirectory(properties, paths);
        String searched = searched(inline, variables, paths);
        if (!properties.isEnabled()) {
            return new SsoConfiguration(properties, null, null, List.of(), List.of(), null, cacheDirectory, searched,
                    false);
        }
        try {
            Optional<LoginSessionSettings> loginSession = loginSession(inline, variables, userHome);
            if (loginSession.isPresent()) {
                List<LoginSessionRole> roles = properties.getRoles().isEmpty() ? List.of()
                        : new LoginSessionRoleResolver(userName()).resolve(loginSession.get(),
                                AwsSsoPropertiesMapper.roleSettings(properties));
                return new SsoConfiguration(properties, null, loginSession.get(), List.of(), roles, null,
                        cacheDirectory, searched, inline.requestsSso());
            }
            Optional<SsoSettings> settings = new SsoSettingsResolver(variables, userHome).resolve(inline);
            List<NamedRole> roles = (settings.isPresent() && !properties.getRoles().isEmpty())
                    ? new NamedRoleResolver(variables, userHome, userName()).resolve(settings.get(), inline,
                            AwsSsoPropertiesMapper.roleSettings(properties))
                    : List.of();
            return new SsoConfiguration(properties, settings.orElse(null), null, roles, List.of(), null, cacheDirectory,
                    searched, inline.requestsSso());
        }
        catch (SsoConfigurationException ex) {
            return new SsoConfiguration(properties, null, null, List.of(), List.of(), ex, cacheDirectory, searched,
                    inline.requestsSso());
        }
    }

    /**
     * The {@code aws login} profile selected, unless {@code aws.sso.*} properties configure IAM Identity Center
     * beside it ({@code start-url} or {@code sso-session}), which then wins.
     * @throws SsoConfigurationException when the profile cannot be used
     */
    private static Optional<LoginSessionSettings> loginSession(InlineSsoSettings inline, Map<String, String> variables,
            String userHome) {
        if (inline.startUrl() != null || inline.sessionName() != null) {
            return Optional.empty();
        }
        return new LoginSessionResolver(variables, userHome).resolve(inline);
    }

    /** The {@code user.name} as the binder sees it, for the default role session name of assumed roles. */
    private String userName() {
        return this.binder.bind("user.name", String.class).orElseGet(() -> System.getProperty("user.name", ""));
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
        VARIABLES.forEach((variable, name) -> this.binder.bind(name, String.class)
            .ifBound((value) -> variables.put(variable, value)));
        return variables;
    }
}
