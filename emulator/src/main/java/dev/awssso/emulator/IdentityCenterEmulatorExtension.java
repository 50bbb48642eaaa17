package dev.awssso.emulator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that starts a fresh {@link IdentityCenterEmulator} before each test and closes it
 * after. Test and {@code @BeforeEach} methods receive it as a parameter; with
 * {@code @RegisterExtension} it is also available from {@link #get()}.
 */
public final class IdentityCenterEmulatorExtension
        implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(IdentityCenterEmulatorExtension.class);

    private volatile @Nullable IdentityCenterEmulator current;

    @Override
    public void beforeEach(ExtensionContext context) {
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
        context.getStore(NAMESPACE).put(IdentityCenterEmulator.class, emulator);
        this.current = emulator;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        IdentityCenterEmulator emulator = context.getStore(NAMESPACE)
            .remove(IdentityCenterEmulator.class, IdentityCenterEmulator.class);
        if (emulator != null) {
            emulator.close();
        }
        if (this.current == emulator) {
            this.current = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IdentityCenterEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        IdentityCenterEmulator emulator = extensionContext.getStore(NAMESPACE)
            .get(IdentityCenterEmulator.class, IdentityCenterEmulator.class);
        if (emulator == null) {
            throw new ParameterResolutionException("The emulator is only available to test and @BeforeEach methods");
        }
        return emulator;
    }

    /**
     * The emulator of the running test.
     * @return the emulator
     * @throws IllegalStateException outside a test
     */
    public IdentityCenterEmulator get() {
        IdentityCenterEmulator emulator = this.current;
        if (emulator == null) {
            throw new IllegalStateException("No test is running");
        }
        return emulator;
    }

}
