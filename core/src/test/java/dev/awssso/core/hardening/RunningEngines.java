package dev.awssso.core.hardening;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.engine.SsoEngine;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The engines a test started, closed once it has run; register it with {@code @RegisterExtension}. */
final class RunningEngines implements AfterEachCallback {

    private final List<SsoEngine> engines = new CopyOnWriteArrayList<>();

    /** Closes {@code engine} after the test. */
    SsoEngine add(SsoEngine engine) {
        this.engines.add(engine);
        return engine;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.engines.forEach(SsoEngine::close);
        this.engines.clear();
    }
}
