package dev.awssso.test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The part of an {@link AutoConfigureAwsSsoEmulator} in the key of Spring's test context cache: equal for equal
 * attributes, so that test classes asking for the same share one context and one emulator, and those asking for
 * another get their own. The {@link AwsSsoEmulatorApplicationListener} runs the emulator.
 * @param settings the annotation of the test class
 */
record AwsSsoEmulatorContextCustomizer(AutoConfigureAwsSsoEmulator settings) implements ContextCustomizer {

    /**
     * Checks that the emulator runs for this context.
     * @throws IllegalStateException if the context was not started by a Spring Boot test context loader
     */
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        String propertySource = AwsSsoEmulatorApplicationListener.PROPERTY_SOURCE_NAME;
        if (!context.getEnvironment().getPropertySources().contains(propertySource)) {
            throw new IllegalStateException("@AutoConfigureAwsSsoEmulator on " + mergedConfig.getTestClass().getName()
                    + " needs a Spring Boot test context: annotate the class with @SpringBootTest or a test slice"
                    + " such as @WebMvcTest");
        }
    }

}
