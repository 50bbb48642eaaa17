package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.awssso.core.account.AccountPage.RolesNotListed;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults on the operations outside the refresh path (account listing, sign-in, sign-out) fail what was asked
 * within the timeouts, with an exception (a listing whose roles failed is partial instead), and leave the
 * credentials being served alone. The cases run side by
 * side: each has an emulator and a cache of its own, and mostly waits for timeouts.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class OtherOperationFaultTests {

    /** Far slower than the call timeout. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(30);

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    static Stream<Arguments> faults() {
        List<Arguments> all = new ArrayList<>();
        for (Operation operation : List.of(Operation.LIST_ACCOUNTS, Operation.LIST_ACCOUNT_ROLES, Operation.LOGOUT,
                Operation.REGISTER_CLIENT, Operation.START_DEVICE_AUTHORIZATION)) {
            all.add(Arguments.of(operation, "503", Fault.status(503, "ServiceUnavailableException")));
            all.add(Arguments.of(operation, "slower than the read timeout", Fault.delay(SLOW_ANSWER)));
            all.add(Arguments.of(operation, "malformed JSON", Fault.malformedJson()));
            all.add(Arguments.of(operation, "unknown error type", Fault.status(418, "TeapotException")));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    @Execution(ExecutionMode.CONCURRENT)
    void aFaultFailsTheRequestWithinTheTimeoutsAndLeavesTheCredentialsAlone(Operation operation, String name,
            Fault fault, IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = SsoEngine.start(Hardening.settings(), Hardening.options(emulator.endpoint(), this.cacheDir)
            .timeouts(FaultToleranceTests.TIMEOUTS)
            .build());
        this.engines.add(engine);
        AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();
        emulator.injectFault(operation, fault);

        long started = System.nanoTime();
        switch (operation) {
            case LIST_ACCOUNTS -> assertThatExceptionOfType(SdkException.class)
                .isThrownBy(() -> engine.accounts().all());
            case LIST_ACCOUNT_ROLES -> assertThat(engine.accounts().all().rolesNotListed())
                .as("the account listed, its roles not")
                .extracting(RolesNotListed::accountId)
                .containsExactly(Hardening.ACCOUNT);
            case REGISTER_CLIENT -> assertThatExceptionOfType(LoginFailedException.class)
                .isThrownBy(() -> engine.login().start(LoginFlow.DEVICE_CODE, false))
                .withMessageContaining("could not register");
            case START_DEVICE_AUTHORIZATION -> assertThatExceptionOfType(LoginFailedException.class)
                .isThrownBy(() -> engine.login().start(LoginFlow.DEVICE_CODE, false))
                .withMessageContaining("could not start");
            case LOGOUT -> assertThat(engine.login().signOut()).as("signed out locally all the same").isTrue();
            default -> throw new IllegalArgumentException(operation.name());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("given up long before the slow answer").isLessThan(SLOW_ANSWER.dividedBy(3));
        assertThat(emulator.callCount(operation)).isPositive();
        if (operation == Operation.LOGOUT) {
            assertThat(engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);
            assertThat(engine.tokens().cacheFile().path()).doesNotExist();
        }
        else {
            assertThat(engine.credentialsProvider().resolveCredentials()).isSameAs(served);
            assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
            assertThat(engine.login().pending()).isEmpty();
        }
    }
}
