package dev.awssso.autoconfigure.bootstrap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the engine that configuration imports created when the application fails to start before its context
 * took the engine over (an import that could not be read, for example), so that none of its threads (a fetch, a
 * sign-in under way) outlive the failed start.
 */
final class BootstrapEngineRunListener implements SpringApplicationRunListener {

    private @Nullable ConfigurableBootstrapContext bootstrapContext;

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        this.bootstrapContext = bootstrapContext;
    }

    @Override
    public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
        ConfigurableBootstrapContext bootstrap = this.bootstrapContext;
        if (bootstrap != null && bootstrap.isRegistered(BootstrapEngine.class)) {
            bootstrap.get(BootstrapEngine.class).closeUnlessHandedOver();
        }
    }

}
