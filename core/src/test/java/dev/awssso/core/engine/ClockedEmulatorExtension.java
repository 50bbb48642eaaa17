package dev.awssso.core.engine;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a fresh {@link IdentityCenterEmulator} before each test on a {@link MovableClock} showing the current
 * time, and closes it after. Test methods receive both as parameters; give the clock to
 * {@code SsoEngine.start(settings, options, clock)} too, then let lifetimes pass by moving it.
 */
public final class ClockedEmulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ClockedEmulatorExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        MovableClock clock = MovableClock.startingNow();
        context.getStore(NAMESPACE).put(MovableClock.class, clock);
        context.getStore(NAMESPACE).put(IdentityCenterEmulator.class, IdentityCenterEmulator.start(clock));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        IdentityCenterEmulator emulator = context.getStore(NAMESPACE)
            .remove(IdentityCenterEmulator.class, IdentityCenterEmulator.class);
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == IdentityCenterEmulator.class || type == MovableClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(parameter.getParameter().getType());
    }
}
