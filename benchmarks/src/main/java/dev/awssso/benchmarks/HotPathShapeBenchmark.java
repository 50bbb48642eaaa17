package dev.awssso.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Why our hot path costs what it costs: stand-ins with the shape of {@code resolveCredentials()}, without the
 * rest of the provider, next to the volatile floor. Not a product figure; it tells which change to the provider
 * closes the gap that {@link ResolveCredentialsBenchmark} shows.
 * <ul>
 * <li>{@code volatileFloor}: one volatile read of the credentials;</li>
 * <li>{@code heldRecord}: the shape of {@code IdentityCenterCredentialsProvider} today: a volatile read of an
 * {@code AtomicReference} to a record holding the credentials and their timings, a null check, and a read of
 * the record's credentials field;</li>
 * <li>{@code servedField}: the credentials in a volatile field of their own (written with the record), a null
 * check, and the slow path only when it is null.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class HotPathShapeBenchmark {

    @Param({ "volatileFloor", "heldRecord", "servedField" })
    public String shape;

    private AwsCredentialsProvider credentials;

    @Setup
    public void create() {
        AwsSessionCredentials served = AwsSessionCredentials.builder()
            .accessKeyId("ASIAEXAMPLE")
            .secretAccessKey("secret")
            .sessionToken("token")
            .expirationTime(Instant.now().plusSeconds(3600))
            .build();
        this.credentials = switch (this.shape) {
            case "volatileFloor" -> new VolatileCredentialsProvider(served);
            case "heldRecord" -> new HeldRecordShape(served);
            case "servedField" -> new ServedFieldShape(served);
            default -> throw new IllegalArgumentException("Unknown shape " + this.shape);
        };
    }

    @Benchmark
    public AwsCredentials resolveCredentials() {
        return this.credentials.resolveCredentials();
    }

    /** The shape of {@code IdentityCenterCredentialsProvider.resolveCredentials()} today. */
    static final class HeldRecordShape implements AwsCredentialsProvider {

        private final AtomicReference<Held> held = new AtomicReference<>();

        HeldRecordShape(AwsSessionCredentials credentials) {
            this.held.set(new Held(credentials, Instant.now(), Instant.now()));
        }

        @Override
        public AwsSessionCredentials resolveCredentials() {
            Held current = this.held.get();
            if (current != null) {
                return current.credentials();
            }
            return slowPath();
        }

        private AwsSessionCredentials slowPath() {
            throw new IllegalStateException("no credentials");
        }

        private record Held(AwsSessionCredentials credentials, Instant refreshAt, Instant staleAt) {
        }
    }

    /** The proposed shape: the served credentials in their own volatile field. */
    static final class ServedFieldShape implements AwsCredentialsProvider {

        private volatile AwsSessionCredentials served;

        ServedFieldShape(AwsSessionCredentials credentials) {
            this.served = credentials;
        }

        @Override
        public AwsSessionCredentials resolveCredentials() {
            AwsSessionCredentials current = this.served;
            if (current != null) {
                return current;
            }
            return slowPath();
        }

        private AwsSessionCredentials slowPath() {
            throw new IllegalStateException("no credentials");
        }
    }
}
