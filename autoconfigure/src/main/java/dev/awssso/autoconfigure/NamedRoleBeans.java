package dev.awssso.autoconfigure;

import java.util.Map;
import java.util.Set;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.core.engine.LoginSessionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Registers an {@link AwsCredentialsProvider} bean for each role named under {@code aws.sso.roles}, named
 * {@code awsSsoRole-NAME} and qualified with {@code NAME}: {@code @Qualifier("tools") AwsCredentialsProvider}. The
 * beans are no default candidates, so that injection by type alone still finds the default role's provider.
 * <p>
 * The definitions are registered as the configuration is parsed, from the role names the environment has then: an
 * application that is AOT-processed keeps the beans of the roles it was processed with (their definitions are
 * generated code). Each bean's provider is looked up by name in {@link AwsSsoRoles} when it is created, at run time:
 * a role processed with but no longer configured fails start-up naming the fix, and a role added afterwards is
 * reached through {@link AwsSsoRoles} only, until the application is processed again.
 */
final class NamedRoleBeans implements ImportBeanDefinitionRegistrar {

    /** The start of the bean names, followed by the role's name. */
    static final String BEAN_NAME_PREFIX = "awsSsoRole-";

    private static final Logger logger = LoggerFactory.getLogger(NamedRoleBeans.class);

    private final Environment environment;

    NamedRoleBeans(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        for (String name : roleNames()) {
            String beanName = BEAN_NAME_PREFIX + name;
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(NamedRoleBeans.class);
            definition.setFactoryMethodName("credentialsProvider");
            definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setDefaultCandidate(false);
            registry.registerBeanDefinition(beanName, definition);
        }
    }

    private Set<String> roleNames() {
        return Binder.get(this.environment)
            .bind(AwsSsoProperties.PREFIX + ".roles", Bindable.mapOf(String.class, Object.class))
            .map(Map::keySet)
            .orElse(Set.of());
    }

    /**
     * The credentials provider of the role {@code name}: a role over the {@code aws login} session where the
     * application signs in with one, else a role of IAM Identity Center; where neither is configured, the AWS SDK's
     * default credentials chain.
     * @param service IAM Identity Center, absent where the auto-configuration found no configuration
     * @param name the role's name
     * @param loginSession the engine of the {@code aws login} session, absent where there is none
     * @return the provider
     */
    static AwsCredentialsProvider credentialsProvider(ObjectProvider<AwsSsoService> service, String name,
            ObjectProvider<LoginSessionEngine> loginSession) {
        LoginSessionEngine engine = loginSession.getIfAvailable();
        if (engine != null) {
            return engine.credentialsProvider(name);
        }
        AwsSsoService current = service.getIfAvailable();
        if (current == null || !current.isConfigured()) {
            logger.info("IAM Identity Center is not configured: role '{}' (aws.sso.roles.{}) uses the AWS SDK's"
                    + " default credentials chain.", name, name);
            return DefaultCredentialsProvider.builder().build();
        }
        AwsSsoRoles configured = current.roles();
        if (!configured.names().contains(name)) {
            throw new IllegalStateException("The application was AOT-processed with role '" + name
                    + "' (bean " + BEAN_NAME_PREFIX + name + "), but aws.sso.roles does not configure it where it runs;"
                    + " the roles are " + String.join(", ", configured.names()) + ". Configure aws.sso.roles." + name
                    + ", or process the application again.");
        }
        return configured.credentialsProvider(name);
    }
}
