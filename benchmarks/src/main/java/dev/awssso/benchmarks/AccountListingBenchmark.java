package dev.awssso.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.account.AccountPage;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cold listing of an organisation of {@value #ACCOUNTS} accounts with two roles each
 * ({@code ListAccounts} in pages of 100, then {@code ListAccountRoles} per account), by a new engine each time, with
 * the emulator answering every portal call after {@code latencyMillis}, as a portal across a network does.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class AccountListingBenchmark {

    private static final int ACCOUNTS = 300;

    @Param({ "0", "50" })
    public int latencyMillis;

    private SignedInEmulator emulator;

    private SsoEngine engine;

    @Setup(Level.Trial)
    public void startEmulator() {
        this.emulator = SignedInEmulator.start(Duration.ofHours(1));
        IdentityCenterEmulator portal = this.emulator.emulator();
        for (int i = 1; i < ACCOUNTS; i++) {
            portal.addAccount(String.format("%012d", 200000000000L + i), "Account " + i, "Developer", "ReadOnly");
        }
        if (this.latencyMillis > 0) {
            Fault latency = Fault.delay(Duration.ofMillis(this.latencyMillis));
            portal.injectFault(Operation.LIST_ACCOUNTS, latency);
            portal.injectFault(Operation.LIST_ACCOUNT_ROLES, latency);
        }
    }

    /** A new engine, so that nothing is cached. */
    @Setup(Level.Invocation)
    public void startEngine() {
        this.engine = SsoEngine.start(this.emulator.settings(), this.emulator.engineOptions().build());
    }

    @TearDown(Level.Invocation)
    public void stopEngine() {
        this.engine.close();
    }

    @TearDown(Level.Trial)
    public void stopEmulator() {
        this.emulator.close();
    }

    @Benchmark
    public AccountPage coldListing() {
        return this.engine.accounts().all();
    }
}
