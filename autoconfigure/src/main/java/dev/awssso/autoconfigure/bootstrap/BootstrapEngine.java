package dev.awssso.autoconfigure.bootstrap;

import java.util.List;

import dev.awssso.autoconfigure.AwsSsoEngineCustomizer;
import dev.awssso.autoconfigure.SsoConfiguration;
import dev.awssso.autoconfigure.SsoEngineFactory;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The engine that serves configuration imports, created when the first import asks for credentials and then
 * handed over to the application context, whose auto-configuration uses it instead of creating a second one: one
 * token cache follower, one refresh schedule, one status for the whole run. It serves credentials on demand and
 * holds its events (the sign-in at start-up, a token refresh for the imports) until the context has attached its
 * listeners and starts it. An engine the application never took over (start-up failed first) is closed.
 */
final class BootstrapEngine {

    /** The bean name the auto-configuration gives the engine. */
    static final String ENGINE_BEAN = "awsSsoEngine";

    private final SsoConfiguration configuration;

    private final List<AwsSsoEngineCustomizer> customizers;

    private final StartupSignIn signIn;

    private final Log log;

    private @Nullable SsoEngine engine;

    private boolean handedOver;

    /**
     * @param configuration the configuration the bootstrap resolved
     * @param customizers the engine customizers registered in the bootstrap context
     * @param signIn the sign-in at start-up
     * @param log where to say which sign-in the imports use
     */
    BootstrapEngine(SsoConfiguration configuration, List<AwsSsoEngineCustomizer> customizers, StartupSignIn signIn,
            Log log) {
        this.configuration = configuration;
        this.customizers = List.copyOf(customizers);
        this.signIn = signIn;
        this.log = log;
    }

    /**
     * The credentials for the imports: those of the engine, created on first use (with the sign-in at start-up
     * when {@code aws.sso.login.on-startup} asks for it), as {@link SsoEngineFactory#credentialsProvider} gives
     * them to the application context. A session that cannot serve them fails with a
     * {@link ConfigImportCredentialsException}.
     * @throws SsoConfigurationException when the configuration has mistakes
     */
    AwsCredentialsProvider credentialsProvider() {
        return new ImportCredentialsProvider(SsoEngineFactory.credentialsProvider(engine(), this.configuration));
    }

    /** The engine, created on first use; the application context starts it. */
    synchronized SsoEngine engine() {
        if (this.engine == null) {
            SsoSettings settings = this.configuration.settings()
                .orElseThrow(() -> new IllegalStateException("IAM Identity Center is not configured"));
            this.engine = SsoEngineFactory.createEngine(settings, this.configuration, this.customizers);
            this.log.info("Configuration imports use the IAM Identity Center credentials of " + settings.describe());
            if (this.configuration.properties().getLogin().isOnStartup()) {
                this.signIn.signInIfNeeded(this.engine, this.configuration.properties().getLogin());
            }
        }
        return this.engine;
    }

    /**
     * Registers the engine, if one was created, and its settings as the beans the auto-configuration would
     * otherwise create; the application context starts the engine once its listeners are attached, and closes it
     * with its other beans.
     */
    synchronized void handOver(BootstrapContextClosedEvent event) {
        SsoEngine started = this.engine;
        ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
        // a singleton, not a definition: an AOT-processed application has registered the auto-configuration's
        // definitions by now, and the engine registered here is used in their place
        if (started == null || this.handedOver || beanFactory.containsSingleton(ENGINE_BEAN)) {
            return;
        }
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

    /** The engine's credentials; a session that cannot serve them fails the import it was asked for. */
    private record ImportCredentialsProvider(AwsCredentialsProvider delegate) implements AwsCredentialsProvider {

        @Override
        public AwsCredentials resolveCredentials() {
            try {
                return this.delegate.resolveCredentials();
            }
            catch (SsoSessionException ex) {
                throw new ConfigImportCredentialsException(ex);
            }
        }

        @Override
        public String toString() {
            return this.delegate.toString();
        }

    }

}
