package dev.awssso.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Native image hints of the auto-configuration: the {@code aws.sso.*} properties, which the SSO configuration
 * is resolved from at run time (also apart from their bean, see {@link SsoConfiguration}). The shared config
 * file and the token cache are read from the file system, not as resources; the token cache's JSON is read and
 * written without reflection; the AWS SDK modules bring their own hints.
 */
class AwsSsoRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(AwsSsoProperties.class).registerHints(hints, classLoader);
    }
}
