package dev.awssso.core.internal;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An SDK client built on first use and closed with the engine. Unlike the SDK's {@code Lazy}, closing one that
 * was never used builds nothing, and nothing is built after closing.
 *
 * @param <T> the client type
 */
public final class LazyClient<T extends SdkAutoCloseable> implements SdkAutoCloseable {

    private final Supplier<T> builder;

    private final String name;

    private @Nullable T client;

    private boolean closed;

    /**
     * @param name what the client is for, named in the error after closing
     * @param builder builds the client on first use
     */
    public LazyClient(String name, Supplier<T> builder) {
        this.name = name;
        this.builder = builder;
    }

    /**
     * The client, built on the first call.
     * @throws IllegalStateException once closed
     */
    public synchronized T get() {
        if (this.closed) {
            throw new IllegalStateException("The " + this.name + " client is closed: the IAM Identity Center engine"
                    + " was closed");
        }
        if (this.client == null) {
            this.client = this.builder.get();
        }
        return this.client;
    }

    @Override
    public void close() {
        T built;
        synchronized (this) {
            this.closed = true;
            built = this.client;
            this.client = null;
        }
        if (built != null) {
            built.close();
        }
    }
}
