package dev.awssso.autoconfigure;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.LoginOnStartup;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.SessionEventRelay;
import dev.awssso.boot.SsoEngineLifecycle;
import dev.awssso.core.config.SsoRegionProvider;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Auto-configuration of an {@link AwsCredentialsProvider} (and an {@link AwsRegionProvider}) backed by IAM
 * Identity Center. Runs before Spring Cloud AWS, whose credentials and region providers then back off. Steps
 * aside entirely when nothing configures SSO, so that applications on IAM roles are unaffected (they get the
 * providers of {@link AwsSsoDefaultChainsAutoConfiguration} or Spring Cloud AWS). Session events are published as
 * Spring application events.
 * <p>
 * The flow is one way: the {@code aws.sso.*} properties and the shared config file are resolved once into an
 * {@link SsoConfiguration}, from which {@link SsoEngineFactory} builds the engine; the engine and the roles make the
 * {@link AwsSsoService} that every other bean of the starter takes.
 * <p>
 * In an AOT-processed application the conditions were decided at build time, where the SSO configuration is not
 * read (it is the user's, not the build machine's): the beans are always in place, and where the application runs
 * without SSO configuration the {@link AwsSsoService} is {@link AwsSsoService.State#NOT_CONFIGURED}.
 * The two beans applications inject beside the providers, {@link SsoEngine} and {@link AwsSsoRoles}, are then null
 * beans (absent for {@code ObjectProvider} and {@code getBean}, as without AOT); the credentials and region
 * providers are those the application would have without the starter (see {@link StepAsideProviders}); the health
 * indicator and the endpoint report that nothing is configured; and no metrics are registered.
 */
@AutoConfiguration(beforeName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
        "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" })
@ConditionalOnClass({ SsoClient.class, SsoOidcClient.class })
@ConditionalOnBooleanProperty(name = "aws.sso.enabled", matchIfMissing = true)
@Conditional(OnSsoConfigurationCondition.Configured.class)
@EnableConfigurationProperties(AwsSsoProperties.class)
public final class AwsSsoAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(AwsSsoAutoConfiguration.class);

    /**
     * The IAM Identity Center configuration, resolved once for the conditions and the beans of the context (see
     * {@link SsoConfiguration}).
     */
    @Bean
    @ConditionalOnMissingBean
    SsoConfiguration awsSsoConfiguration(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        return SsoConfiguration.of(beanFactory, environment);
    }

    /**
     * Created without background work: {@link SsoEngineLifecycle} starts it once the context has refreshed. None (a
     * null bean, as without AOT no bean at all) in an application that was AOT-processed with this
     * auto-configuration in place and finds no SSO configuration where it runs.
     */
    @Bean
    @ConditionalOnMissingBean
    @Nullable SsoEngine awsSsoEngine(SsoConfiguration configuration,
            ObjectProvider<AwsSsoEngineCustomizer> customizers) {
        SsoSettings settings = configuration.settings().orElse(null);
        if (settings == null) {
            logger.info("IAM Identity Center is not configured ({} have no SSO settings). This application was"
                    + " AOT-processed with the aws-sso starter's beans in place: they step aside, and AWS clients use"
                    + " the AWS SDK's default credentials and region chains.", configuration.searched());
            return null;
        }
        return SsoEngineFactory.createEngine(settings, configuration, customizers.orderedStream().toList());
    }

    /**
     * The default role and the named roles of {@code aws.sso.roles}, created at start-up so that their mistakes
     * fail it; {@link SsoEngineLifecycle} starts them once the context has refreshed. None (a null bean) without an
     * engine.
     */
    @Bean
    @ConditionalOnMissingBean
    @Nullable AwsSsoRoles awsSsoRoles(ObjectProvider<SsoEngine> engine, SsoConfiguration configuration) {
        SsoEngine configured = engine.getIfAvailable();
        if (configured == null) {
            return null;
        }
        return AwsSsoRoles.create(configured, configuration.namedRoles());
    }

    /**
     * IAM Identity Center for the starter's other beans: the engine and the roles, or, without an engine (see
     * {@link #awsSsoEngine}), the credentials the application would have without the starter.
     */
    @Bean
    @ConditionalOnMissingBean
    AwsSsoService awsSsoService(SsoConfiguration configuration, ObjectProvider<SsoEngine> engine,
            ObjectProvider<AwsSsoRoles> roles, Environment environment, BeanFactory beanFactory) {
        SsoEngine configured = engine.getIfAvailable();
        if (configured == null) {
            return AwsSsoService.notConfigured(() -> StepAsideProviders.credentialsProvider(environment, beanFactory));
        }
        return AwsSsoService.configured(configured, roles.getObject(),
                () -> SsoEngineFactory.credentialsProvider(configured, configuration));
    }

    @Bean
    SsoEngineLifecycle awsSsoEngineLifecycle(AwsSsoService service, ObjectProvider<SessionListener> listeners,
            ApplicationContext context) {
        return new SsoEngineLifecycle(service, listeners::orderedStream, context);
    }

    @Bean
    SessionEventRelay awsSsoSessionEventRelay(ApplicationEventPublisher eventPublisher) {
        return new SessionEventRelay(eventPublisher);
    }

    @Bean
    @ConditionalOnBooleanProperty("aws.sso.login.on-startup")
    LoginOnStartup awsSsoLoginOnStartup(AwsSsoService service, AwsSsoProperties properties) {
        return new LoginOnStartup(service, properties.getLogin().getFlow());
    }

    /**
     * The credentials of the default role (see {@link AwsSsoService#credentialsProvider()}). Primary, beside the
     * named roles' providers: those are injected by their qualifier only. Steps aside for a local AWS emulator's
     * connection details.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(AwsCredentialsProvider.class)
    @Conditional(OnSsoConfigurationCondition.DefaultRole.class)
    AwsCredentialsProvider awsSsoCredentialsProvider(AwsSsoService service) {
        return service.credentialsProvider();
    }

    /**
     * The region of the settings; where an AOT-processed application finds no settings or no region in them, what
     * the application would have without the starter. Steps aside for a local AWS emulator's connection details.
     */
    @Bean
    @ConditionalOnMissingBean(AwsRegionProvider.class)
    @Conditional({ OnSsoConfigurationCondition.Region.class, OnSsoConfigurationCondition.DefaultRole.class })
    AwsRegionProvider awsSsoRegionProvider(AwsSsoService service, Environment environment) {
        return service.settings()
            .filter((settings) -> settings.region() != null)
            .<AwsRegionProvider>map(SsoRegionProvider::new)
            .orElseGet(() -> StepAsideProviders.regionProvider(environment));
    }

    /** Caller identity look-ups, when the SDK's STS module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StsClient.class)
    static class CallerIdentityConfiguration {

        /**
         * Caller identity look-ups of every role by name (the endpoint's identity, a verifying health check), created
         * when first asked for.
         */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean
        RoleIdentityLookups awsSsoRoleIdentityLookups(AwsSsoService service, AwsSsoProperties properties) {
            return new RoleIdentityLookups(service, properties.getEndpoint().getSts(),
                    AwsSsoPropertiesMapper.callTimeouts(properties));
        }
    }
}
