package dev.awssso.autoconfigure.bootstrap;

import java.util.List;

import dev.awssso.autoconfigure.AwsSsoEngineCustomizer;
import dev.awssso.autoconfigure.SsoConfiguration;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import org.apache.commons.logging.Log;

import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/**
 * Gives Spring Cloud AWS's configuration imports ({@code aws-parameterstore:}, {@code aws-secretsmanager:},
 * {@code aws-s3:}, {@code aws-appconfig:}) the IAM Identity Center credentials and region. Those imports run
 * before the application context exists and take an {@link AwsCredentialsProvider} and an
 * {@link AwsRegionProvider} from the bootstrap context when one is registered there, before their own fallback
 * to the SDK's default chain. When such a location is about to be resolved and {@code aws.sso.*} (or the
 * selected profile) configures IAM Identity Center, this registers both, created when first asked for. Without
 * such a configuration it registers nothing. The engine behind them is built as the application context builds
 * its own (see {@code SsoEngineFactory}), with the {@code AwsSsoEngineCustomizer} that a
 * {@code BootstrapRegistryInitializer} of the application may register in the bootstrap context (the
 * customizer beans do not exist yet).
 * <p>
 * It resolves no location itself: it is asked first whether it can, registers what the import will look for,
 * and answers no, so that Spring Cloud AWS resolves the location.
 * <p>
 * A resolver rather than a {@code BootstrapRegistryInitializer}: initializers run before any configuration is
 * read, so they could only register credentials for every application and hide Spring Cloud AWS's own choice. A
 * resolver is asked about each import, with a {@link Binder} over the configuration read so far.
 */
final class ConfigImportCredentialsResolver implements ConfigDataLocationResolver<ConfigDataResource>, Ordered {

    private static final List<String> AWS_PREFIXES = List.of("aws-parameterstore:", "aws-secretsmanager:", "aws-s3:",
            "aws-appconfig:");

    private final Log log;

    ConfigImportCredentialsResolver(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(ConfigImportCredentialsResolver.class);
    }

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        if (AWS_PREFIXES.stream().anyMatch(location::hasPrefix)) {
            register(context.getBootstrapContext(), context.getBinder());
        }
        return false;
    }

    @Override
    public List<ConfigDataResource> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return List.of();
    }

    /**
     * Before Spring Cloud AWS's resolvers, which have no order: Spring Boot asks the resolvers in their order and
     * stops at the first that can resolve the location.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private void register(ConfigurableBootstrapContext bootstrap, Binder binder) {
        if (bootstrap.isRegistered(BootstrapEngine.class)) {
            return;
        }
        SsoConfiguration configuration = SsoConfiguration.load(binder);
        SsoSettings settings;
        try {
            settings = configuration.settings().orElse(null);
        }
        catch (SsoConfigurationException ex) {
            // the import fails with the list of problems, as the application context would
            bootstrap.registerIfAbsent(AwsCredentialsProvider.class, (context) -> {
                throw ex;
            });
            return;
        }
        if (settings == null) {
            return;
        }
        List<AwsSsoEngineCustomizer> customizers = bootstrap.isRegistered(AwsSsoEngineCustomizer.class)
                ? List.of(bootstrap.get(AwsSsoEngineCustomizer.class)) : List.of();
        BootstrapEngine engine = new BootstrapEngine(configuration, customizers, new StartupSignIn(System.out),
                this.log);
        bootstrap.register(BootstrapEngine.class, InstanceSupplier.of(engine));
        bootstrap.registerIfAbsent(AwsCredentialsProvider.class,
                (context) -> context.get(BootstrapEngine.class).credentialsProvider());
        if (settings.region() != null) {
            Region region = Region.of(settings.region());
            bootstrap.registerIfAbsent(AwsRegionProvider.class, InstanceSupplier.of(() -> region));
        }
        bootstrap.addCloseListener(engine::handOver);
    }

}
