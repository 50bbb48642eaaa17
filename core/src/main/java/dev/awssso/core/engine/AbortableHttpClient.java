package dev.awssso.core.engine;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.awssso.core.internal.LazyClient;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that knows the requests under way and aborts them when closed (closing the connection, so
 * that a thread blocked reading an answer gets an error at once); requests made after that fail at once. The
 * underlying client is built on the first request.
 */
final class AbortableHttpClient implements SdkHttpClient {

    /** A request made after closing: it fails as an I/O error, as one aborted by closing does. */
    private static final ExecutableHttpRequest REFUSED = new ExecutableHttpRequest() {

        @Override
        public HttpExecuteResponse call() throws IOException {
            throw closed();
        }

        @Override
        public void abort() {
        }
    };

    private final LazyClient<SdkHttpClient> delegate;

    private final Set<ExecutableHttpRequest> underWay = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    AbortableHttpClient(Supplier<SdkHttpClient> delegate) {
        this.delegate = new LazyClient<>("HTTP", delegate);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (this.closed) {
            return REFUSED;
        }
        SdkHttpClient client;
        try {
            client = this.delegate.get();
        }
        catch (IllegalStateException ex) {
            // closed since the check above
            return REFUSED;
        }
        ExecutableHttpRequest prepared = client.prepareRequest(request);
        return new ExecutableHttpRequest() {

            @Override
            public HttpExecuteResponse call() throws IOException {
                AbortableHttpClient.this.underWay.add(prepared);
                try {
                    if (AbortableHttpClient.this.closed) {
                        throw closed();
                    }
                    return prepared.call();
                }
                finally {
                    AbortableHttpClient.this.underWay.remove(prepared);
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return this.delegate.get().clientName();
    }

    @Override
    public void close() {
        this.closed = true;
        this.underWay.forEach(ExecutableHttpRequest::abort);
        this.delegate.close();
    }

    private static IOException closed() {
        return new IOException("The IAM Identity Center engine was closed");
    }
}
