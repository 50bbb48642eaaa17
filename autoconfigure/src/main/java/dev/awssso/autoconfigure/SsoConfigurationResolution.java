package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * The IAM Identity Center configuration of one {@link Environment}, resolved once per application context: the
 * conditions and the beans of the auto-configuration all see the same answer, and the shared config file is read
 * once. Kept in the context's bean factory (as Spring Boot keeps its condition evaluation report), so that every
 * new context, and a context with another environment, resolves afresh.
 */
final class SsoConfigurationResolution {

    private static final String BEAN_NAME = SsoConfigurationResolution.class.getName();

    private static final Logger logger = LoggerFactory.getLogger(SsoConfigurationResolution.class);

    private final Environment environment;

    private final @Nullable SsoSettings settings;

    private final List<NamedRole> namedRoles;

    private final @Nullable SsoConfigurationException problems;

    private final Path cacheDirectory;

    private final String searched;

    private final boolean requestedByProperties;

    SsoConfigurationResolution(Environment environment, @Nullable SsoSettings settings, List<NamedRole> namedRoles,
            @Nullable SsoConfigurationException problems, Path cacheDirectory, String searched,
            boolean requestedByProperties) {
        this.environment = environment;
        this.settings = settings;
        this.namedRoles = List.copyOf(namedRoles);
        this.problems = problems;
        this.cacheDirectory = cacheDirectory;
        this.searched = searched;
        this.requestedByProperties = requestedByProperties;
    }

    /**
     * The configuration of {@code environment}, resolved on the first call for this bean factory and environment.
     * @param beanFactory where the resolution is kept, or {@code null} to resolve without keeping it
     */
    static SsoConfigurationResolution of(@Nullable ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        if (beanFactory == null) {
            return SsoSettingsLoader.resolve(environment);
        }
        synchronized (SsoConfigurationResolution.class) {
            Kept kept;
            if (beanFactory.containsSingleton(BEAN_NAME)) {
                kept = (Kept) beanFactory.getSingleton(BEAN_NAME);
            }
            else {
                kept = new Kept();
                beanFactory.registerSingleton(BEAN_NAME, kept);
            }
            SsoConfigurationResolution current = kept.resolution;
            if (current == null || current.environment != environment) {
                current = SsoSettingsLoader.resolve(environment);
                kept.resolution = current;
            }
            return current;
        }
    }

    /**
     * The settings, or empty when nothing configures IAM Identity Center.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    Optional<SsoSettings> settings() {
        if (this.problems != null) {
            throw new SsoConfigurationException(this.problems.problems());
        }
        return Optional.ofNullable(this.settings);
    }

    /**
     * The named roles of {@code aws.sso.roles}, in their order; none when nothing configures IAM Identity Center.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    List<NamedRole> namedRoles() {
        settings();
        return this.namedRoles;
    }

    /**
     * The settings for the auto-configured beans: as {@link #settings()}, or {@code null} when nothing configures
     * IAM Identity Center. The conditions keep the beans out in that case, except in an application that was
     * AOT-processed: its beans then step aside, which is logged.
     * @throws SsoConfigurationException listing every problem of the configuration
     */
    @Nullable SsoSettings settingsOrStepAside() {
        SsoSettings found = settings().orElse(null);
        if (found == null) {
            logger.info("IAM Identity Center is not configured ({} have no SSO settings). This application was"
                    + " AOT-processed with the aws-sso starter's beans in place: they step aside, and AWS clients use"
                    + " the AWS SDK's default credentials and region chains.", this.searched);
        }
        return found;
    }

    /** Whether IAM Identity Center is configured, with or without problems. */
    boolean configured() {
        return this.settings != null || this.problems != null;
    }

    /**
     * Whether {@code aws.sso.*} properties ask for the default role's IAM Identity Center sign-in, rather than only
     * the profile that {@code AWS_PROFILE} or {@code default} selects.
     */
    boolean requestedByProperties() {
        return this.requestedByProperties;
    }

    /** Whether named roles are configured; false when the configuration has problems. */
    boolean hasNamedRoles() {
        return !this.namedRoles.isEmpty();
    }

    /** Whether the configuration has problems; {@link #settings()} then throws. */
    boolean hasProblems() {
        return this.problems != null;
    }

    /** The token cache directory: {@code aws.sso.cache-dir}, else {@code ~/.aws/sso/cache}. */
    Path cacheDirectory() {
        return this.cacheDirectory;
    }

    /** Where the settings were looked for, in words. */
    String searched() {
        return this.searched;
    }

    /** The resolution kept in a bean factory. */
    private static final class Kept {

        private @Nullable SsoConfigurationResolution resolution;
    }
}
