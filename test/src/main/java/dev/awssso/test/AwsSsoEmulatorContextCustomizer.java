package dev.awssso.test;

import dev.awssso.emulator.IdentityCenterEmulator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the {@link EmulatorHome} of an {@link AutoConfigureAwsSsoEmulator} for a test context, adds its properties
 * and registers its emulator as a bean that closes with the context. Equal for equal attributes, so that Spring's
 * test context cache shares one context, and one emulator, between test classes that ask for the same.
 * @param settings the annotation of the test class
 */
record AwsSsoEmulatorContextCustomizer(AutoConfigureAwsSsoEmulator settings) implements ContextCustomizer {

    /** The name of the property source with the starter's settings. */
    static final String PROPERTY_SOURCE_NAME = "awsSsoEmulator";

    /** The name of the {@link IdentityCenterEmulator} bean. */
    static final String BEAN_NAME = "identityCenterEmulator";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        EmulatorHome emulatorHome = EmulatorHome.start(this.settings);
        addProperties(context.getEnvironment().getPropertySources(), emulatorHome);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, emulatorHome.emulator());
        // registered before any bean of the application, so destroyed after all of them
        ((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, emulatorHome::close);
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
