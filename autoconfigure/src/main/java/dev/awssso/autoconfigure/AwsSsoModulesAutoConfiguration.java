package dev.awssso.autoconfigure;

import java.util.List;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.SsoConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Fails start-up with a clear report when IAM Identity Center is configured but the AWS SDK's {@code sso} or
 * {@code ssooidc} module is missing, instead of silently running without SSO credentials.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "aws.sso.enabled", matchIfMissing = true)
@Conditional({ OnMissingSsoModulesCondition.class, OnSsoConfigurationCondition.Configured.class })
public final class AwsSsoModulesAutoConfiguration {

    /** The IAM Identity Center configuration that the conditions resolved (see {@link SsoConfiguration}). */
    @Bean
    @ConditionalOnMissingBean
    SsoConfiguration awsSsoConfiguration(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        return SsoConfiguration.of(beanFactory, environment);
    }

    /** Fails where IAM Identity Center is configured: always, but in an AOT-processed application. */
    @Bean
    ModulesCheck awsSsoModulesCheck(SsoConfiguration configuration, ResourceLoader resourceLoader) {
        return new ModulesCheck(configuration, resourceLoader.getClassLoader());
    }

    /** The check, made as the bean is created. */
    static final class ModulesCheck {

        ModulesCheck(SsoConfiguration configuration, @Nullable ClassLoader classLoader) {
            if (!configuration.isConfigured()) {
                return;
            }
            List<String> missing = OnMissingSsoModulesCondition.missingModules(classLoader);
            throw new SsoConfigurationException(List.of(new ConfigurationProblem(
                    "IAM Identity Center is configured, but the AWS SDK module(s) " + String.join(" and ", missing)
                            + " are not on the class path",
                    "add software.amazon.awssdk:" + String.join(" and software.amazon.awssdk:", missing)
                            + " (versions from the AWS SDK BOM), or depend on dev.awssso:aws-sso-spring-boot-starter,"
                            + " which brings them.")));
        }
    }
}
