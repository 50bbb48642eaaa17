package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The last stretch of a session, with a clock that moves: {@code EXPIRING} from the first warning threshold on
 * (30 minutes by default), a WARN line and a {@code SessionExpiring} event once per threshold, and advice that
 * names the command that signs in again.
 */
class SessionExpiringTests {

    private static final Duration SESSION_DURATION = Duration.ofHours(8);

    private static final String SIGN_IN_COMMAND = "aws sso login --sso-session my-sso";

    @TempDir
    Path cacheDir;

    private final MovableClock clock = MovableClock.startingNow();

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    private Instant sessionEndsAt;

    @BeforeEach
    void signIn() throws IOException {
        this.emulator = IdentityCenterEmulator.start(this.clock);
        // the token lasts as long as the session, so that no refresh happens on the way to its end
        this.emulator.setTokenLifetime(SESSION_DURATION);
        Path file = this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        // the engine dates the sign-in by the file; the sign-in happened now by the moved clock
        Files.setLastModifiedTime(file, FileTime.from(this.clock.instant()));
        this.sessionEndsAt = this.clock.instant().plus(SESSION_DURATION);
        this.engine = SsoEngine.start(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, this.cacheDir).build(), this.clock);
        this.engine.addListener(this.events::add);
        assumeTrue(Files.getLastModifiedTime(file).toMillis() == this.clock.instant().toEpochMilli(),
                "needs file modification times in milliseconds: the engine dates a sign-in by its token file");
    }

    @AfterEach
    void stop() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void isActiveUntilTheFirstThresholdThenExpiringWithAdvice() {
        this.clock.set(this.sessionEndsAt.minus(Duration.ofMinutes(30)).minusSeconds(1));
        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);

        this.clock.advance(Duration.ofSeconds(1));
        SessionStatus status = this.engine.status();

        assertThat(status.state()).isEqualTo(SessionState.EXPIRING);
        assertThat(status.session().endsAt()).isEqualTo(this.sessionEndsAt);
        assertThat(status.warnings()).contains("The IAM Identity Center session ends at " + this.sessionEndsAt + ".");
        assertThat(status.nextAction()).isEqualTo("Sign in again with `" + SIGN_IN_COMMAND + "` before "
                + this.sessionEndsAt + " to keep the application working.");
        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId()).as("still served")
            .startsWith("ASIA");
    }

    @Test
    void warnsOnceAtEachThresholdWithTheTimeLeftAndTheCommand() {
        try (LogCapture logs = new LogCapture()) {
            this.clock.set(this.sessionEndsAt.minus(Duration.ofMinutes(30)));
            Eventually.await("the 30-minute warning", Duration.ofSeconds(10), () -> expiringEvents().size() == 1);
            this.clock.set(this.sessionEndsAt.minus(Duration.ofMinutes(10)));
            Eventually.await("the 10-minute warning", Duration.ofSeconds(10), () -> expiringEvents().size() == 2);

            assertThat(expiringEvents()).extracting(SessionEvent.SessionExpiring::threshold)
                .containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(10));
            assertThat(expiringEvents()).extracting(SessionEvent.SessionExpiring::endsAt)
                .containsOnly(this.sessionEndsAt);
            assertThat(expiringEvents().get(0).status().state()).isEqualTo(SessionState.EXPIRING);
            assertThat(logs.warnings()).filteredOn((line) -> line.contains("ends in"))
                .satisfiesExactly((line) -> assertThat(line).contains(timeLeft(30), SIGN_IN_COMMAND),
                        (line) -> assertThat(line).contains(timeLeft(10), SIGN_IN_COMMAND));
        }
    }

    private String timeLeft(int minutes) {
        return "ends in " + minutes + " min (at " + this.sessionEndsAt + ")";
    }

    private List<SessionEvent.SessionExpiring> expiringEvents() {
        return this.events.stream()
            .filter(SessionEvent.SessionExpiring.class::isInstance)
            .map(SessionEvent.SessionExpiring.class::cast)
            .toList();
    }
}
