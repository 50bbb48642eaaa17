package dev.awssso.autoconfigure.bootstrap;

import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.autoconfigure.SsoConfiguration;
import dev.awssso.core.SsoEngine;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.FallbackCredentialsProvider;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The engine that serves configuration imports, started when the first import asks for credentials and then
 * handed over to the application context, whose auto-configuration uses it instead of starting a second one: one
 * token cache follower, one refresh schedule, one status for the whole run. An engine the application never took
 * over (start-up failed first) is closed.
 */
final class BootstrapEngine {

    /** The bean names the auto-configuration gives the engine and the settings. */
    static final String ENGINE_BEAN = "awsSsoEngine";

    static final String SETTINGS_BEAN = "awsSsoSettings";

    private final SsoConfiguration configuration;

    private final StartupSignIn signIn;

    private final Log log;

    private @Nullable SsoEngine engine;

    private boolean handedOver;

    BootstrapEngine(SsoConfiguration configuration, StartupSignIn signIn, Log log) {
        this.configuration = configuration;
        this.signIn = signIn;
        this.log = log;
    }

    /**
     * The credentials for the imports: those of the engine, started on first use (with the sign-in at start-up
     * when {@code aws.sso.login.on-startup} asks for it), behind the SDK's default chain when
     * {@code aws.sso.fallback=default-chain}.
     * @throws SsoConfigurationException when the configuration has mistakes
     */
    AwsCredentialsProvider credentialsProvider() {
        SsoEngine started = engine();
        if (this.configuration.properties().getFallback() == AwsSsoProperties.Fallback.DEFAULT_CHAIN) {
            return new FallbackCredentialsProvider(started.credentialsProvider(),
                    DefaultCredentialsProvider.builder().build());
        }
        return started.credentialsProvider();
    }

    /** The engine, started on first use. */
    synchronized SsoEngine engine() {
        if (this.engine == null) {
            SsoSettings settings = this.configuration.settings()
                .orElseThrow(() -> new IllegalStateException("IAM Identity Center is not configured"));
            this.engine = SsoEngine.start(settings,
                    this.configuration.properties().toEngineOptions(this.configuration.cacheDirectory()).build());
            this.log.info("Configuration imports use the IAM Identity Center credentials of " + settings.describe());
            if (this.configuration.properties().getLogin().isOnStartup()) {
                this.signIn.signInIfNeeded(this.engine, this.configuration.properties().getLogin());
            }
        }
        return this.engine;
    }

    /**
     * Registers the engine, if one was started, and its settings as the beans the auto-configuration would
     * otherwise create; the application context closes the engine with its other beans.
     */
    synchronized void handOver(BootstrapContextClosedEvent event) {
        SsoEngine started = this.engine;
        ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
        // a singleton, not a definition: an AOT-processed application has registered the auto-configuration's
        // definitions by now, and the engine registered here is used in their place
        if (started == null || this.handedOver || beanFactory.containsSingleton(ENGINE_BEAN)) {
            return;
        }
        beanFactory.registerSingleton(SETTINGS_BEAN, started.settings());
        beanFactory.registerSingleton(ENGINE_BEAN, started);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(ENGINE_BEAN, started::close);
        }
        this.handedOver = true;
    }

    /** Closes the engine unless the application context took it over. */
    synchronized void closeUnlessHandedOver() {
        if (this.engine != null && !this.handedOver) {
            this.engine.close();
            this.engine = null;
        }
    }

}
