package dev.awssso.emulator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * JUnit Jupiter extension that runs an {@link IdentityCenterEmulator} for tests, which receive it as a parameter
 * or from {@link #get()}.
 * <p>
 * As a {@code static} field, one emulator serves every test of the class (and of its {@code @Nested} classes):
 * it starts before {@code @BeforeAll} methods, which can reach it too, and closes after {@code @AfterAll} ones.
 * This is the form for a Spring test context that outlives single tests, such as one configured with
 * {@code @DynamicPropertySource}:
 * <pre>{@code
 * @RegisterExtension
 * static final IdentityCenterEmulatorExtension emulator = new IdentityCenterEmulatorExtension();
 *
 * @BeforeAll
 * static void signIn() {
 *     emulator.get().signIn("corp").writeCacheFile(cacheDir);
 * }
 * }</pre>
 * As an instance field, or with {@code @ExtendWith(IdentityCenterEmulatorExtension.class)}, each test gets a fresh
 * emulator, started before its {@code @BeforeEach} methods and closed after it:
 * <pre>{@code
 * @RegisterExtension
 * final IdentityCenterEmulatorExtension emulator = new IdentityCenterEmulatorExtension();
 *
 * @Test
 * void refreshesTheToken(IdentityCenterEmulator emulator) { ... }
 * }</pre>
 */
public final class IdentityCenterEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(IdentityCenterEmulatorExtension.class);

    private volatile @Nullable IdentityCenterEmulator current;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isStaticFieldOf(context.getRequiredTestClass()) && emulator(context) == null) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator(context) == null) {
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IdentityCenterEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        IdentityCenterEmulator emulator = emulator(extensionContext);
        if (emulator == null) {
            throw new ParameterResolutionException("The emulator of an IdentityCenterEmulatorExtension in an "
                    + "instance field is only available to test and @BeforeEach methods: make the field static to "
                    + "reach it in @BeforeAll methods");
        }
        return emulator;
    }

    /**
     * The emulator of the running test, or of the test class when this extension is a static field.
     * @return the emulator
     * @throws IllegalStateException when no test of this extension runs
     */
    public IdentityCenterEmulator get() {
        IdentityCenterEmulator emulator = this.current;
        if (emulator == null) {
            throw new IllegalStateException("No test is running: the emulator of an IdentityCenterEmulatorExtension "
                    + "in an instance field runs during each test only; make the field static for one emulator "
                    + "from before @BeforeAll to after @AfterAll");
        }
        return emulator;
    }

    private void start(ExtensionContext context) {
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
        context.getStore(NAMESPACE).put(IdentityCenterEmulator.class, emulator);
        this.current = emulator;
    }

    /** Closes the emulator this context started, if it started one. */
    private void stop(ExtensionContext context) {
        IdentityCenterEmulator emulator = context.getStore(NAMESPACE)
            .remove(IdentityCenterEmulator.class, IdentityCenterEmulator.class);
        if (emulator != null) {
            emulator.close();
            if (this.current == emulator) {
                this.current = null;
            }
        }
    }

    /** The emulator of this context or of an enclosing one (a test's class, an outer class of a nested class). */
    private static @Nullable IdentityCenterEmulator emulator(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(IdentityCenterEmulator.class, IdentityCenterEmulator.class);
    }

    /** Whether this extension is the value of a static {@code @RegisterExtension} field of the test class. */
    private boolean isStaticFieldOf(Class<?> testClass) {
        return AnnotationSupport.findAnnotatedFields(testClass, RegisterExtension.class, ModifierSupport::isStatic)
            .stream()
            .anyMatch((field) -> ReflectionSupport.tryToReadFieldValue(field, null).toOptional().orElse(null) == this);
    }

}
