package dev.awssso.autoconfigure;

import java.util.List;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.SsoConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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

    /** Fails; in an AOT-processed application only where IAM Identity Center is configured (else a null bean). */
    @Bean
    @Nullable Object awsSsoModulesCheck(ResourceLoader resourceLoader, ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        if (!SsoConfiguration.of(beanFactory, environment).isConfigured()) {
            return null;
        }
        List<String> missing = OnMissingSsoModulesCondition.missingModules(resourceLoader.getClassLoader());
        throw new SsoConfigurationException(List.of(new ConfigurationProblem(
                "IAM Identity Center is configured, but the AWS SDK module(s) " + String.join(" and ", missing)
                        + " are not on the class path",
                "add software.amazon.awssdk:" + String.join(" and software.amazon.awssdk:", missing)
                        + " (versions from the AWS SDK BOM), or depend on dev.awssso:aws-sso-spring-boot-starter,"
                        + " which brings them.")));
    }
}
