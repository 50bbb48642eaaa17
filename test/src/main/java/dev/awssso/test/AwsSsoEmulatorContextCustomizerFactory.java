package dev.awssso.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives test classes annotated with {@link AutoConfigureAwsSsoEmulator}, or nested in one, an
 * {@link AwsSsoEmulatorContextCustomizer}. Registered in {@code META-INF/spring.factories}.
 */
class AwsSsoEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureAwsSsoEmulator settings = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureAwsSsoEmulator.class);
        return (settings != null) ? new AwsSsoEmulatorContextCustomizer(settings) : null;
    }

}
