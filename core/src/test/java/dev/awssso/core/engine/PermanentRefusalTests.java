package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token refresh that IAM Identity Center refuses for a reason a retry does not change is not retried in the
 * background: the status and one warning say why and what to do, the token serves until it expires, and a new
 * sign-in refreshes again.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class PermanentRefusalTests {

    @TempDir
    Path cacheDir;

    private SsoEngine engine;

    @AfterEach
    void closeEngine() {
        if (this.engine != null) {
            this.engine.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "AccessDeniedException, an administrator", "InvalidScopeException, sso_registration_scopes",
            "InvalidRequestException, client registration", "UnsupportedGrantTypeException, client registration" })
    void aRefreshRefusedForGoodIsNotRetriedSaysWhatToDoAndResumesOnANewSignIn(String code, String fix,
            IdentityCenterEmulator emulator, MovableClock clock) {
        EmulatedSession session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(400, code));
        try (LogCapture log = new LogCapture()) {
            this.engine = SsoEngine.start(EngineFixture.settings(emulator),
                    EngineFixture.options(emulator, this.cacheDir).build(), clock);
            this.engine.credentialsProvider().resolveCredentials();
            // into the token's refresh window: the background refresh is refused
            clock.set(session.expiresAt().minus(Duration.ofMinutes(10)));
            Eventually.await("the refresh was refused", Duration.ofSeconds(20),
                    () -> this.engine.tokens().lastFailure().isPresent());

            AtomicInteger checks = new AtomicInteger();
            Eventually.await("many background checks later, with time passing", Duration.ofSeconds(20), () -> {
                clock.advance(Duration.ofSeconds(1));
                return checks.incrementAndGet() > 50;
            });
            assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("not retried").isOne();

            SessionStatus status = this.engine.status();
            assertThat(status.state()).as("credentials are served until the token expires")
                .isEqualTo(SessionState.EXPIRING);
            assertThat(status.nextAction()).contains(fix).doesNotContain("Nothing yet");
            assertThat(String.join("\n", status.warnings())).contains(code);
            assertThat(status.token().refreshable()).isFalse();
            assertThat(status.token().notRefreshableReason()).contains(code);
            assertThat(status.session().endsAt()).as("when the token expires")
                .isEqualTo(this.engine.tokens().currentToken().orElseThrow().expiresAt());
            assertThat(log.warnings().stream().filter((line) -> line.contains(code))).as("said once")
                .singleElement()
                .satisfies((line) -> assertThat(line).contains(fix));

            clock.set(session.expiresAt().plusSeconds(1));
            assertThatExceptionOfType(SsoSessionException.class).isThrownBy(() -> this.engine.credentialsProvider()
                .refreshNow()).satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
                .withMessageContaining(code)
                .withMessageContaining(fix);
            assertThat(this.engine.status().state()).isEqualTo(SessionState.EXPIRED);
            assertThat(this.engine.status().nextAction()).contains(fix);
            assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        }

        emulator.clearFaults();
        EmulatedSession again = emulator.signInAgain(session);
        again.writeCacheFile(this.cacheDir);
        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);
        clock.set(again.expiresAt().minus(Duration.ofMinutes(10)));
        Eventually.await("the new sign-in's token is refreshed", Duration.ofSeconds(20),
                () -> emulator.callCount(Operation.CREATE_TOKEN) == 2);
    }
}
