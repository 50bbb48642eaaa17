package dev.awssso.autoconfigure.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.awssso.autoconfigure.AwsSsoEngineCustomizer;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.engine.SsoEngine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.support.GenericApplicationContext;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link ConfigImportCredentialsResolver} registers in the bootstrap context, asked about a location as
 * Spring Boot asks while it imports configuration.
 */
class ConfigImportCredentialsResolverTests {

    @TempDir
    Path home;

    private final ConfigImportCredentialsResolver resolver = new ConfigImportCredentialsResolver(new DeferredLogs());

    private final DefaultBootstrapContext bootstrap = new DefaultBootstrapContext();

    @Test
    void withoutSsoConfigurationNothingIsRegistered() {
        assertThat(ask("aws-parameterstore:/config/my-app/", properties())).isFalse();

        assertNothingRegistered();
    }

    @Test
    void whenDisabledNothingIsRegistered() {
        Map<String, String> properties = inline();
        properties.put("aws.sso.enabled", "false");

        ask("aws-parameterstore:/config/my-app/", properties);

        assertNothingRegistered();
    }

    @Test
    void otherLocationsRegisterNothing() {
        ask("optional:file:./config/", inline());
        ask("optional:classpath:/", inline());

        assertNothingRegistered();
    }

    @Test
    void anAwsImportGetsTheCredentialsAndTheRegionWithoutResolvingTheLocation() {
        assertThat(ask("optional:aws-secretsmanager:my-app/db", inline())).isFalse();

        assertThat(this.bootstrap.isRegistered(AwsCredentialsProvider.class)).isTrue();
        assertThat(this.bootstrap.get(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
        assertThat(this.resolver.resolve(context(inline()), ConfigDataLocation.of("aws-secretsmanager:my-app/db")))
            .isEmpty();
    }

    @Test
    void withoutARegionOnlyTheCredentialsAreRegistered() {
        Map<String, String> properties = inline();
        properties.remove("aws.sso.region");

        ask("aws-parameterstore:/config/my-app/", properties);

        assertThat(this.bootstrap.isRegistered(AwsCredentialsProvider.class)).isTrue();
        assertThat(this.bootstrap.isRegistered(AwsRegionProvider.class)).isFalse();
    }

    @Test
    void providersRegisteredByTheApplicationAreKept() {
        AwsCredentialsProvider own = AnonymousCredentialsProvider.create();
        this.bootstrap.register(AwsCredentialsProvider.class, InstanceSupplier.of(own));

        ask("aws-parameterstore:/config/my-app/", inline());

        assertThat(this.bootstrap.get(AwsCredentialsProvider.class)).isSameAs(own);
    }

    @Test
    void theEngineCustomizerOfTheBootstrapContextChangesTheImportsEngine() {
        this.bootstrap.register(AwsSsoEngineCustomizer.class,
                InstanceSupplier.of((options) -> options.sessionDuration(Duration.ofHours(3))));

        ask("aws-parameterstore:/config/my-app/", inline());

        SsoEngine engine = this.bootstrap.get(BootstrapEngine.class).engine();
        try {
            assertThat(engine.options().sessionDuration()).isEqualTo(Duration.ofHours(3));
        }
        finally {
            engine.close();
        }
    }

    @Test
    void aConfigurationWithMistakesFailsTheImportWithItsProblems() {
        Map<String, String> properties = inline();
        properties.remove("aws.sso.role-name");

        ask("aws-parameterstore:/config/my-app/", properties);

        assertThatExceptionOfType(SsoConfigurationException.class)
            .isThrownBy(() -> this.bootstrap.get(AwsCredentialsProvider.class))
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("role"));
    }

    /**
     * An AOT-processed application registers the auto-configuration's bean definitions before the bootstrap context
     * closes; the engine the imports started still becomes the application's, and closes with it.
     */
    @Test
    void theImportsEngineReplacesTheEngineDefinitionOfAnAotProcessedContext() {
        ask("aws-parameterstore:/config/my-app/", inline());
        AwsCredentialsProvider importCredentials = this.bootstrap.get(AwsCredentialsProvider.class);
        SsoEngine importEngine = this.bootstrap.get(BootstrapEngine.class).engine();
        GenericApplicationContext application = new GenericApplicationContext();
        application.registerBeanDefinition(BootstrapEngine.ENGINE_BEAN, new RootBeanDefinition(SsoEngine.class, () -> {
            throw new AssertionError("a second engine was created");
        }));

        this.bootstrap.close(application);
        application.refresh();

        assertThat(application.getBean(SsoEngine.class)).isSameAs(importEngine);
        application.close();
        assertThatExceptionOfType(ConfigImportCredentialsException.class)
            .isThrownBy(importCredentials::resolveCredentials)
            .havingCause()
            .isInstanceOfSatisfying(SsoSessionException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.CLOSED));
    }

    private boolean ask(String location, Map<String, String> properties) {
        return this.resolver.isResolvable(context(properties), ConfigDataLocation.of(location));
    }

    private void assertNothingRegistered() {
        assertThat(this.bootstrap.isRegistered(AwsCredentialsProvider.class)).isFalse();
        assertThat(this.bootstrap.isRegistered(AwsRegionProvider.class)).isFalse();
        assertThat(this.bootstrap.isRegistered(BootstrapEngine.class)).isFalse();
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("HOME", this.home.toString());
        properties.put("AWS_PROFILE", "");
        properties.put("AWS_CONFIG_FILE", "");
        return properties;
    }

    private Map<String, String> inline() {
        Map<String, String> properties = properties();
        properties.put("aws.sso.start-url", "https://d-0000000000.awsapps.com/start");
        properties.put("aws.sso.sso-region", "us-east-1");
        properties.put("aws.sso.sso-session", "corp");
        properties.put("aws.sso.account-id", "111122223333");
        properties.put("aws.sso.role-name", "ReadOnly");
        properties.put("aws.sso.region", "eu-west-1");
        return properties;
    }

    private ConfigDataLocationResolverContext context(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
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
                return ConfigImportCredentialsResolverTests.this.bootstrap;
            }

        };
    }

}
