package dev.awssso.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An SDK client is built on first use only: closing an engine that never called AWS builds none (the SDK's own
 * {@code Lazy} builds its value to close it).
 */
class LazyClientTests {

    private final AtomicInteger built = new AtomicInteger();

    private final AtomicInteger closed = new AtomicInteger();

    private final LazyClient<SdkAutoCloseable> client = new LazyClient<>("test", () -> {
        this.built.incrementAndGet();
        return this.closed::incrementAndGet;
    });

    @Test
    void closingAClientThatWasNeverUsedBuildsNothing() {
        this.client.close();

        assertThat(this.built).hasValue(0);
    }

    @Test
    void aClientIsBuiltOnceAndClosedWithTheEngine() {
        SdkAutoCloseable first = this.client.get();

        assertThat(this.client.get()).isSameAs(first);
        this.client.close();

        assertThat(this.built).hasValue(1);
        assertThat(this.closed).hasValue(1);
    }

    @Test
    void nothingIsBuiltAfterClosing() {
        this.client.close();

        assertThatIllegalStateException().isThrownBy(this.client::get).withMessageContaining("engine was closed");
        assertThat(this.built).hasValue(0);
    }
}
