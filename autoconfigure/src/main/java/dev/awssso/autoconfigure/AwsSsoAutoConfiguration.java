package dev.awssso.autoconfigure;

import java.nio.file.Path;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.account.CallerIdentityLookup;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.FallbackCredentialsProvider;
import dev.awssso.core.status.SessionListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Auto-configuration of an {@link AwsCredentialsProvider} (and an {@link AwsRegionProvider}) backed by IAM
 * Identity Center. Runs before Spring Cloud AWS, whose credentials and region providers then back off. Steps
 * aside entirely when nothing configures SSO, so that applications on IAM roles are unaffected. Session
 * events are published as Spring application events.
 */
@AutoConfiguration(beforeName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
        "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" })
@ConditionalOnClass({ SsoClient.class, SsoOidcClient.class })
@ConditionalOnBooleanProperty(name = "aws.sso.enabled", matchIfMissing = true)
@Conditional(OnSsoConfigurationCondition.class)
@EnableConfigurationProperties(AwsSsoProperties.class)
public final class AwsSsoAutoConfiguration {

    /** The settings the conditions found, resolved once per context. */
    @Bean
    @ConditionalOnMissingBean
    SsoSettings awsSsoSettings(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        return SsoConfigurationResolution.of(beanFactory, environment)
            .settings()
            .orElseThrow(() -> new IllegalStateException("IAM Identity Center configuration disappeared"));
    }

    /** Created without background work: {@link SsoEngineLifecycle} starts it once the context has refreshed. */
    @Bean
    @ConditionalOnMissingBean
    SsoEngine awsSsoEngine(SsoSettings settings, AwsSsoProperties properties,
            ConfigurableListableBeanFactory beanFactory, Environment environment,
            ObjectProvider<AwsSsoEngineCustomizer> customizers) {
        Path cacheDirectory = SsoConfigurationResolution.of(beanFactory, environment).cacheDirectory();
        EngineOptions.Builder options = properties.toEngineOptions(cacheDirectory);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
        return SsoEngine.create(settings, options.build());
    }

    @Bean
    SsoEngineLifecycle awsSsoEngineLifecycle(ObjectProvider<SsoEngine> engine,
            ObjectProvider<SessionListener> listeners) {
        return new SsoEngineLifecycle(engine::getIfAvailable, listeners::orderedStream);
    }

    @Bean
    SessionEventRelay awsSsoSessionEventRelay(ApplicationEventPublisher eventPublisher) {
        return new SessionEventRelay(eventPublisher);
    }

    @Bean
    @ConditionalOnBooleanProperty("aws.sso.login.on-startup")
    LoginOnStartup awsSsoLoginOnStartup(SsoEngine engine, AwsSsoProperties properties) {
        return new LoginOnStartup(engine, properties.getLogin().getFlow());
    }

    @Bean
    @ConditionalOnMissingBean(AwsCredentialsProvider.class)
    AwsCredentialsProvider awsSsoCredentialsProvider(SsoEngine engine, AwsSsoProperties properties) {
        if (properties.getFallback() == AwsSsoProperties.Fallback.DEFAULT_CHAIN) {
            return new FallbackCredentialsProvider(engine.credentialsProvider(),
                    DefaultCredentialsProvider.builder().build());
        }
        return engine.credentialsProvider();
    }

    @Bean
    @ConditionalOnMissingBean(AwsRegionProvider.class)
    @Conditional(OnSsoRegionCondition.class)
    AwsRegionProvider awsSsoRegionProvider(SsoSettings settings) {
        return new SsoRegionProvider(settings);
    }

    /** Caller identity look-ups, when the SDK's STS module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StsClient.class)
    static class CallerIdentityConfiguration {

        /** Created when first asked for (the endpoint's identity, a verifying health check), not at start-up. */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean
        CallerIdentityLookup awsSsoCallerIdentityLookup(SsoEngine engine, SsoSettings settings,
                AwsSsoProperties properties) {
            String region = (settings.region() != null) ? settings.region() : settings.ssoRegion();
            return new CallerIdentityLookup(engine.credentialsProvider(), Region.of(region),
                    properties.getEndpoint().getSts(), properties.toCallTimeouts());
        }
    }
}
