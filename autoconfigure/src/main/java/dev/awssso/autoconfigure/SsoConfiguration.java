package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The IAM Identity Center configuration of an application, resolved once from a {@link Binder}: the bound
 * {@code aws.sso.*} properties, the settings of the default role, the named roles, the problems, the token cache
 * directory and where the settings were looked for. The configuration imports resolve it from the bootstrap's
 * binder; the application context from its environment's, once for its conditions and its beans (a bean of the
 * auto-configuration).
 */
public final class SsoConfiguration {

    private static final String CACHE_BEAN_NAME = SsoConfiguration.class.getName() + ".cache";

    private final AwsSsoProperties properties;

    private final @Nullable SsoSettings settings;

    private final @Nullable LoginSessionSettings loginSession;

    private final List<NamedRole> namedRoles;

    private final List<LoginSessionRole> loginSessionRoles;

    private final @Nullable SsoConfigurationException problems;

    private final Path cacheDirectory;

    private final String searched;

    private final boolean requestedByProperties;

    SsoConfiguration(AwsSsoProperties properties, @Nullable SsoSettings settings,
            @Nullable LoginSessionSettings loginSession, List<NamedRole> namedRoles,
            List<LoginSessionRole> loginSessionRoles, @Nullable SsoConfigurationException problems,
            Path cacheDirectory, String searched,
            boolean requestedByProperties) {
        this.properties = properties;
        this.settings = settings;
        this.loginSession = loginSession;
        this.namedRoles = List.copyOf(namedRoles);
        this.loginSessionRoles = List.copyOf(loginSessionRoles);
        this.problems = problems;
        this.cacheDirectory = cacheDirectory;
        this.searched = searched;
        this.requestedByProperties = requestedByProperties;
    }

    /**
     * Resolves the configuration that {@code binder} sees; problems are kept in the result, not thrown.
     * @param binder the binder of the environment, or of the documents the bootstrap has loaded so far
     * @return the configuration
     */
    public static SsoConfiguration load(Binder binder) {
        return new SsoConfigurationLoader(binder).load();
    }

    /**
     * The configuration of a context's environment, resolved on the first call for its bean factory, so that the
     * conditions, which run before any bean exists, and the configuration's bean share one resolution; kept as
     * Spring Boot keeps its condition evaluation report.
     * @param beanFactory where the resolution is kept, or {@code null} to resolve without keeping it
     */
    static SsoConfiguration of(@Nullable ConfigurableListableBeanFactory beanFactory, Environment environment) {
        if (beanFactory == null) {
            return load(Binder.get(environment));
        }
        synchronized (SsoConfiguration.class) {
            Cache cache;
            if (beanFactory.containsSingleton(CACHE_BEAN_NAME)) {
                cache = (Cache) beanFactory.getSingleton(CACHE_BEAN_NAME);
            }
            else {
                cache = new Cache();
                beanFactory.registerSingleton(CACHE_BEAN_NAME, cache);
            }
            SsoConfiguration current = cache.configuration;
            if (current == null || cache.environment != environment) {
                current = load(Binder.get(environment));
                cache.configuration = current;
                cache.environment = environment;
            }
            return current;
        }
    }

    /** The {@code aws.sso.*} properties the configuration was resolved from. */
    public AwsSsoProperties properties() {
        return this.properties;
    }

    /**
     * The settings of the default role, or empty when nothing configures IAM Identity Center.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    public Optional<SsoSettings> settings() {
        if (this.problems != null) {
            throw new SsoConfigurationException(this.problems.problems());
        }
        return Optional.ofNullable(this.settings);
    }

    /**
     * The {@code aws login} profile the application selects, or empty when it selects none (then
     * {@link #settings()} may be present).
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    public Optional<LoginSessionSettings> loginSession() {
        settings();
        return Optional.ofNullable(this.loginSession);
    }

    /**
     * The named roles of {@code aws.sso.roles}, in their order; none when nothing configures IAM Identity Center.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    public List<NamedRole> namedRoles() {
        settings();
        return this.namedRoles;
    }

    /**
     * The named roles of {@code aws.sso.roles} over the {@code aws login} session, in their order; none when the
     * application does not sign in with {@code aws login}.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    public List<LoginSessionRole> loginSessionRoles() {
        settings();
        return this.loginSessionRoles;
    }

    /** Whether IAM Identity Center is configured, with or without problems. */
    public boolean isConfigured() {
        return this.settings != null || this.problems != null;
    }

    /** Whether the configuration has problems; {@link #settings()} then throws. */
    public boolean hasProblems() {
        return this.problems != null;
    }

    /** Whether named roles are configured; false when the configuration has problems. */
    public boolean hasNamedRoles() {
        return !this.namedRoles.isEmpty();
    }

    /**
     * Whether {@code aws.sso.*} properties ask for the default role's IAM Identity Center sign-in, rather than only
     * the profile that {@code AWS_PROFILE} or {@code default} selects.
     */
    public boolean requestedByProperties() {
        return this.requestedByProperties;
    }

    /** The token cache directory: {@code aws.sso.cache-dir}, else {@code ~/.aws/sso/cache}. */
    public Path cacheDirectory() {
        return this.cacheDirectory;
    }

    /** Where the settings were looked for, in words. */
    public String searched() {
        return this.searched;
    }

    @Override
    public String toString() {
        return "SsoConfiguration[" + ((this.settings != null) ? this.settings.describe()
                : (this.loginSession != null) ? this.loginSession.describe()
                : (this.problems != null) ? "with problems" : "not configured") + "]";
    }

    /** The configuration resolved for a bean factory, with the environment it was resolved from. */
    private static final class Cache {

        private @Nullable Environment environment;

        private @Nullable SsoConfiguration configuration;
    }
}
