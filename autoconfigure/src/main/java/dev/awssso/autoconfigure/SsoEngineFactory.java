package dev.awssso.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.FallbackCredentialsProvider;
import dev.awssso.core.engine.LoginSessionEngine;
import dev.awssso.core.engine.SsoEngine;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Builds the engine of the default role's sign-in from an {@link SsoConfiguration} and the
 * {@link AwsSsoEngineCustomizer}s, the same way for the configuration imports and for the application context (as
 * Spring Cloud AWS's {@code CredentialsProviderAutoConfiguration.createCredentialsProvider} serves both).
 */
public final class SsoEngineFactory {

    private SsoEngineFactory() {
    }

    /**
     * The engine options of the configuration's {@code aws.sso.*} properties, changed by the customizers in their
     * order.
     * @param configuration the resolved configuration
     * @param customizers the customizers, in the order to apply them
     * @return the options
     */
    public static EngineOptions engineOptions(SsoConfiguration configuration,
            List<? extends AwsSsoEngineCustomizer> customizers) {
        EngineOptions.Builder options = AwsSsoPropertiesMapper.engineOptions(configuration.properties(),
                configuration.cacheDirectory());
        customizers.forEach((customizer) -> customizer.customize(options));
        return options.build();
    }

    /**
     * The engine of an {@code aws login} session and of its named roles, created without background work.
     * @param settings the {@code aws login} profile
     * @param configuration the resolved configuration, for its named roles and the engine options of its properties
     * @param customizers the customizers of the options, in the order to apply them
     * @return the engine
     */
    public static LoginSessionEngine createLoginSessionEngine(LoginSessionSettings settings,
            SsoConfiguration configuration, List<? extends AwsSsoEngineCustomizer> customizers) {
        return LoginSessionEngine.create(settings, configuration.loginSessionRoles(),
                engineOptions(configuration, customizers), Clock.systemUTC());
    }

    /**
     * An engine of {@code settings}, created without background work.
     * @param settings the settings of the default role's sign-in
     * @param configuration the resolved configuration, whose properties give the options
     * @param customizers the customizers, in the order to apply them
     * @return the engine
     */
    public static SsoEngine createEngine(SsoSettings settings, SsoConfiguration configuration,
            List<? extends AwsSsoEngineCustomizer> customizers) {
        return SsoEngine.create(settings, engineOptions(configuration, customizers));
    }

    /**
     * The credentials of the default role: those of the engine, behind the SDK's default chain when
     * {@code aws.sso.fallback=default-chain}.
     * @param engine the engine of the default role
     * @param configuration the resolved configuration
     * @return the credentials provider
     */
    public static AwsCredentialsProvider credentialsProvider(SsoEngine engine, SsoConfiguration configuration) {
        if (configuration.properties().getFallback() == AwsSsoProperties.Fallback.DEFAULT_CHAIN) {
            return new FallbackCredentialsProvider(engine.credentialsProvider(),
                    DefaultCredentialsProvider.builder().build());
        }
        return engine.credentialsProvider();
    }
}
