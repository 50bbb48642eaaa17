package dev.awssso.sample.demo;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.awssso.emulator.IdentityCenterEmulator;

/**
 * Demo mode of the sample application, on unless {@code sample.emulator.enabled=false}: before the context
 * starts, runs a {@link DemoEmulator} and adds its {@code aws.sso.*} values as defaults (any value set
 * elsewhere wins); registers the emulator as a bean; stops it when the context closes or start-up fails.
 * <p>
 * Lifetimes: {@code sample.emulator.token-lifetime} (2 minutes), {@code sample.emulator.credentials-lifetime}
 * (1 minute) and {@code sample.emulator.session-duration} (8 hours). Registered in
 * {@code META-INF/spring.factories}, so it runs for every start of the application, tests included, but not
 * while the application is AOT-processed: the processed application finds its SSO configuration when it runs,
 * as one built on a machine without {@code ~/.aws} does.
 */
public class DemoModeListener implements SmartApplicationListener {

    /** The name of the property source holding the demo's {@code aws.sso.*} values. */
    public static final String PROPERTY_SOURCE_NAME = "sampleDemoEmulator";

    /** The name of the {@link IdentityCenterEmulator} bean. */
    public static final String EMULATOR_BEAN_NAME = "identityCenterEmulator";

    static final String ENABLED = "sample.emulator.enabled";

    private static final Logger logger = LoggerFactory.getLogger(DemoModeListener.class);

    private volatile @Nullable DemoEmulator demo;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    /** After the application's config files have been read, so that they can switch demo mode off. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        }
        else if (event instanceof ApplicationPreparedEvent prepared) {
            register(prepared);
        }
        else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        if (!binder.bind(ENABLED, Boolean.class).orElse(true) || this.demo != null
                || Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            return;
        }
        DemoEmulator started = DemoEmulator.start(
                binder.bind("sample.emulator.token-lifetime", Duration.class).orElse(Duration.ofMinutes(2)),
                binder.bind("sample.emulator.credentials-lifetime", Duration.class).orElse(Duration.ofMinutes(1)),
                binder.bind("sample.emulator.session-duration", Duration.class).orElse(Duration.ofHours(8)));
        this.demo = started;
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, started.properties()));
        logger.info("Demo mode: {}, signed in to sso-session '{}'. Set {}=false and aws.sso.profile=NAME to use"
                + " a real AWS profile instead.", started, DemoEmulator.SESSION_NAME, ENABLED);
    }

    private void register(ApplicationPreparedEvent event) {
        DemoEmulator started = this.demo;
        if (started == null) {
            return;
        }
        // Registered before any other bean, so destroyed after all of them (the SSO engine first).
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) event.getApplicationContext()
            .getBeanFactory();
        beanFactory.registerSingleton(EMULATOR_BEAN_NAME, started.emulator());
        beanFactory.registerDisposableBean(EMULATOR_BEAN_NAME, this::stop);
    }

    private void stop() {
        DemoEmulator started = this.demo;
        this.demo = null;
        if (started != null) {
            started.close();
        }
    }
}
