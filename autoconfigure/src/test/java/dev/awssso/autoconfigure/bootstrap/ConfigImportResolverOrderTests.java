package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.awssso.core.SsoSessionException;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import io.awspring.cloud.autoconfigure.config.parameterstore.ParameterStoreConfigDataLocationResolver;
import io.awspring.cloud.autoconfigure.config.secretsmanager.SecretsManagerConfigDataLocationResolver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.config.StandardConfigDataLocationResolver;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The order of Spring Boot's configuration data location resolvers, which the starter's relies on: Spring Boot asks
 * them in order and stops at the first that can resolve a location, so the starter's must be asked about an
 * {@code aws-parameterstore:} or {@code aws-secretsmanager:} import before Spring Cloud AWS's. A Spring Boot or
 * Spring Cloud AWS upgrade that changes the order fails here.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ConfigImportResolverOrderTests {

    @TempDir
    Path home;

    @Test
    void theStartersResolverIsAskedAboutAParameterStoreImportBeforeSpringCloudAws() {
        assertRegisteredBeforeResolved("aws-parameterstore:/config/my-app/",
                ParameterStoreConfigDataLocationResolver.class);
    }

    @Test
    void theStartersResolverIsAskedAboutASecretsManagerImportBeforeSpringCloudAws() {
        assertRegisteredBeforeResolved("optional:aws-secretsmanager:my-app/db",
                SecretsManagerConfigDataLocationResolver.class);
    }

    /**
     * The clients Spring Cloud AWS built for the imports of a real start (and keeps as beans) sign with the
     * starter's credentials; they fail as the starter's do when nobody is signed in.
     */
    @Test
    void springCloudAwsBuildsTheImportsClientsWithTheStartersCredentials(IdentityCenterEmulator emulator) {
        try (ConfigurableApplicationContext context = ImportTestApplication.run("optional-both", emulator,
                this.home)) {
            assertTheStartersCredentials(context.getBean("configDataSsmClient", SsmClient.class)
                .serviceClientConfiguration()
                .credentialsProvider());
            assertTheStartersCredentials(
                    context.getBean("configDataSecretsManagerClient", SecretsManagerClient.class)
                        .serviceClientConfiguration()
                        .credentialsProvider());
        }
    }

    /**
     * Asks the resolvers about {@code location} as Spring Boot's {@code ConfigDataLocationResolvers} do: loaded
     * from {@code spring.factories} in their order, with Spring Boot's own resolver, which takes any location,
     * moved to the end; the first that can resolve it wins. The starter's must come first by its order, not by
     * where the jars happen to be on the class path.
     */
    private void assertRegisteredBeforeResolved(String location, Class<?> springCloudAwsResolver) {
        DefaultBootstrapContext bootstrap = new DefaultBootstrapContext();
        ConfigDataLocationResolverContext context = context(bootstrap);
        List<ConfigDataLocationResolver<?>> resolvers = loadAsSpringBootDoes(bootstrap, context.getBinder());

        ConfigDataLocationResolver<?> resolving = resolvers.stream()
            .filter((resolver) -> resolver.isResolvable(context, ConfigDataLocation.of(location)))
            .findFirst()
            .orElseThrow();

        assertThat(resolving).isInstanceOf(springCloudAwsResolver);
        assertThat(bootstrap.isRegistered(AwsCredentialsProvider.class)).isTrue();
        ConfigDataLocationResolver<?> starters = resolvers.stream()
            .filter(ConfigImportCredentialsResolver.class::isInstance)
            .findFirst()
            .orElseThrow();
        assertThat(AnnotationAwareOrderComparator.INSTANCE.compare(starters, resolving)).isNegative();
    }

    private static void assertTheStartersCredentials(IdentityProvider<?> credentials) {
        assertThatExceptionOfType(ConfigImportCredentialsException.class)
            .isThrownBy(() -> credentials.resolveIdentity().join())
            .withCauseInstanceOf(SsoSessionException.class);
    }

    private static List<ConfigDataLocationResolver<?>> loadAsSpringBootDoes(ConfigurableBootstrapContext bootstrap,
            Binder binder) {
        ResourceLoader resourceLoader = new DefaultResourceLoader();
        ArgumentResolver arguments = ArgumentResolver.of(DeferredLogFactory.class, new DeferredLogs())
            .and(Binder.class, binder)
            .and(ResourceLoader.class, resourceLoader)
            .and(ConfigurableBootstrapContext.class, bootstrap)
            .and(BootstrapContext.class, bootstrap)
            .and(BootstrapRegistry.class, bootstrap);
        List<ConfigDataLocationResolver<?>> resolvers = new ArrayList<>();
        SpringFactoriesLoader.forDefaultResourceLocation(resourceLoader.getClassLoader())
            .load(ConfigDataLocationResolver.class, arguments)
            .forEach(resolvers::add);
        resolvers.sort(Comparator.comparing(StandardConfigDataLocationResolver.class::isInstance));
        return resolvers;
    }

    private ConfigDataLocationResolverContext context(ConfigurableBootstrapContext bootstrap) {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("HOME", this.home.toString(),
                "AWS_PROFILE", "", "AWS_CONFIG_FILE", "", "aws.sso.start-url",
                "https://d-0000000000.awsapps.com/start", "aws.sso.sso-region", "us-east-1", "aws.sso.sso-session",
                "corp", "aws.sso.account-id", "111122223333", "aws.sso.role-name", "ReadOnly")));
        return new ConfigDataLocationResolverContext() {

            @Override
            public Binder getBinder() {
                return binder;
            }

            @Override
            public @Nullable ConfigDataResource getParent() {
                return null;
            }

            @Override
            public ConfigurableBootstrapContext getBootstrapContext() {
                return bootstrap;
            }

        };
    }

}
