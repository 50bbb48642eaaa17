package dev.awssso.autoconfigure;

import dev.awssso.boot.LoginSessionLifecycle;
import dev.awssso.boot.SessionEventRelay;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.status.LoginSessionListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.signin.SigninClient;

/**
 * Auto-configuration of an {@link AwsCredentialsProvider} and an {@link AwsRegionProvider} backed by the
 * {@code aws login} session of the selected profile ({@code aws.sso.profile}, else {@code AWS_PROFILE}, else
 * {@code default}), kept fresh by a {@link LoginSessionEngine}. Runs before Spring Cloud AWS, whose providers then
 * back off; steps aside when the profile is not an {@code aws login} profile.
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class,
        beforeName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
                "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" })
@ConditionalOnClass(SigninClient.class)
@ConditionalOnBooleanProperty(name = "aws.sso.enabled", matchIfMissing = true)
@Conditional(OnLoginSessionCondition.class)
@EnableConfigurationProperties(AwsSsoProperties.class)
public final class AwsLoginSessionAutoConfiguration {

    /** Created without background work: {@link LoginSessionLifecycle} starts it once the context has refreshed. */
    @Bean
    @ConditionalOnMissingBean
    LoginSessionEngine awsLoginSessionEngine(ConfigurableListableBeanFactory beanFactory, Environment environment,
            ObjectProvider<AwsSsoEngineCustomizer> customizers) {
        SsoConfiguration configuration = SsoConfiguration.of(beanFactory, environment);
        return SsoEngineFactory.createLoginSessionEngine(configuration.loginSession().orElseThrow(), configuration,
                customizers.orderedStream().toList());
    }

    @Bean
    LoginSessionLifecycle awsLoginSessionLifecycle(LoginSessionEngine engine,
            ObjectProvider<LoginSessionListener> listeners, ApplicationContext context) {
        return new LoginSessionLifecycle(engine, listeners::orderedStream, context);
    }

    /** Publishes the session's events as application events. */
    @Bean
    SessionEventRelay awsLoginSessionEventRelay(ApplicationEventPublisher eventPublisher) {
        return new SessionEventRelay(eventPublisher);
    }

    /**
     * The session's credentials; closed with the engine, not by the context. Steps aside for a local AWS
     * emulator's connection details, which its named roles keep.
     */
    @Bean(destroyMethod = "")
    @Primary
    @ConditionalOnMissingBean(AwsCredentialsProvider.class)
    @Conditional(OnSsoConfigurationCondition.DefaultRole.class)
    AwsCredentialsProvider awsSsoCredentialsProvider(LoginSessionEngine engine) {
        return engine.credentialsProvider();
    }

    /** The profile's region, where AWS Sign-In refreshes the session; steps aside as the credentials do. */
    @Bean
    @ConditionalOnMissingBean(AwsRegionProvider.class)
    @Conditional(OnSsoConfigurationCondition.DefaultRole.class)
    AwsRegionProvider awsSsoRegionProvider(LoginSessionEngine engine) {
        Region region = Region.of(engine.settings().region());
        return () -> region;
    }
}
