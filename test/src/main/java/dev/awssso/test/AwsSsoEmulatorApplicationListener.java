package dev.awssso.test;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Runs the {@link EmulatorHome} of a test context whose test class is annotated with
 * {@link AutoConfigureAwsSsoEmulator}: started, and its properties added, before the configuration files and
 * their {@code spring.config.import} are read; its emulator registered as the first bean, so destroyed after all
 * the application's beans; stopped with the context, or when the context fails to start. Registered in
 * {@code META-INF/spring.factories}; the test context loader makes the test class the application's main class.
 */
class AwsSsoEmulatorApplicationListener implements SmartApplicationListener {

    /** The name of the property source with the starter's settings. */
    static final String PROPERTY_SOURCE_NAME = "awsSsoEmulator";

    /** The name of the {@link dev.awssso.emulator.IdentityCenterEmulator} bean. */
    static final String BEAN_NAME = "identityCenterEmulator";

    private volatile @Nullable EmulatorHome emulatorHome;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    /** After the test's own properties are added, before the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared);
        }
        else if (event instanceof ApplicationPreparedEvent prepared) {
            register(prepared);
        }
        else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent event) {
        Class<?> testClass = event.getSpringApplication().getMainApplicationClass();
        AutoConfigureAwsSsoEmulator settings = (testClass != null)
                ? TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureAwsSsoEmulator.class) : null;
        if (settings == null || this.emulatorHome != null) {
            return;
        }
        EmulatorHome started = EmulatorHome.start(settings);
        this.emulatorHome = started;
        addProperties(event.getEnvironment().getPropertySources(), started);
    }

    private void register(ApplicationPreparedEvent event) {
        EmulatorHome started = this.emulatorHome;
        if (started == null) {
            return;
        }
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) event.getApplicationContext()
            .getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, started.emulator());
        beanFactory.registerDisposableBean(BEAN_NAME, this::stop);
    }

    private void stop() {
        EmulatorHome started = this.emulatorHome;
        this.emulatorHome = null;
        if (started != null) {
            started.close();
        }
    }

    /** Below the test's own properties, above everything else. */
    private static void addProperties(MutablePropertySources sources, EmulatorHome emulatorHome) {
        MapPropertySource properties = new MapPropertySource(PROPERTY_SOURCE_NAME, emulatorHome.properties());
        String testProperties = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(testProperties)) {
            sources.addAfter(testProperties, properties);
        }
        else {
            sources.addFirst(properties);
        }
    }

}
