package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A laptop that sleeps: the wall clock moves on while the scheduler's monotonic clock stands still, so no
 * background check runs across the sleep. The engine and the emulator share a clock that the test moves; the
 * background checks are an hour apart, so only what callers do counts.
 */
class SleepAndWakeTests {

    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MovableClock clock = MovableClock.startingNow();

    private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start(this.clock);

    @TempDir
    Path cacheDir;

    private SsoEngine engine;

    @BeforeEach
    void signIn() {
        this.emulator.setTokenLifetime(LIFETIME);
        this.emulator.setCredentialsLifetime(LIFETIME);
        this.emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(Hardening.settings(), Hardening.options(this.emulator.endpoint(), this.cacheDir)
            .checkInterval(Duration.ofHours(1))
            .build(), this.clock);
    }

    @AfterEach
    void close() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void theFirstCallAfterASleepLongerThanTheCredentialsLifetimeGetsNewValidCredentials() {
        AwsSessionCredentials beforeSleep = this.engine.credentialsProvider().resolveCredentials();

        this.clock.advance(LIFETIME.multipliedBy(2));
        AwsSessionCredentials afterSleep = this.engine.credentialsProvider().resolveCredentials();

        assertThat(afterSleep.accessKeyId()).as("expired credentials are not handed out")
            .isNotEqualTo(beforeSleep.accessKeyId());
        assertThat(afterSleep.expirationTime().orElseThrow()).isAfter(this.clock.instant());
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).as("the expired token was refreshed on the way")
            .isEqualTo(1);
    }

    /** Repeated: the fetch that served the first call must not pass for one in flight at the second. */
    @RepeatedTest(20)
    void credentialsAreNotHandedOutOnceStaleEvenIfNoBackgroundCheckRan() {
        AwsSessionCredentials first = this.engine.credentialsProvider().resolveCredentials();
        Instant expiresAt = first.expirationTime().orElseThrow();

        this.clock.set(expiresAt.minus(Duration.ofMillis(400)));
        AwsSessionCredentials second = this.engine.credentialsProvider().resolveCredentials();

        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS))
            .as("within the stale margin of 500 ms, credentials are fetched again, not served from memory")
            .isEqualTo(2);
        assertThat(second.expirationTime().orElseThrow()).isAfterOrEqualTo(expiresAt);
    }

    @Test
    void theFirstCallAfterSleepingPastTheSessionEndNamesTheSignInCommand() {
        this.engine.credentialsProvider().resolveCredentials();

        this.clock.advance(Duration.ofHours(9));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(this.engine.credentialsProvider().currentCredentials()).isEmpty();
    }

    @Test
    void refreshTimesCountFromWhenTheAnswerArrivedNotFromBeforeTheCall() {
        Duration shortLifetime = Duration.ofMinutes(4);
        this.emulator.setCredentialsLifetime(shortLifetime);
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(2)).times(1));
        Thread mover = new Thread(() -> {
            Eventually.await("the call is under way", Duration.ofSeconds(10),
                    () -> this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) > 0);
            // the call takes 4 minutes on the wall clock: the answer is dated after that
            this.clock.advance(shortLifetime);
        });
        mover.start();

        AwsSessionCredentials credentials = this.engine.credentialsProvider().resolveCredentials();

        Instant expiresAt = credentials.expirationTime().orElseThrow();
        SessionStatus status = this.engine.status();
        assertThat(status.credentials().nextRefreshAt()).as("half-way through the lifetime left when it arrived")
            .isEqualTo(expiresAt.minus(shortLifetime.dividedBy(2)));
    }

    @Test
    void afterCloseNoCredentialsAreHandedOut() {
        this.engine.credentialsProvider().resolveCredentials();

        this.engine.close();

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CLOSED))
            .withMessageContaining("was closed");
    }

    @Test
    void credentialsWithdrawnAfterASleepAreReportedAsAnEventAndInTheStatus() {
        SsoEngine checked = SsoEngine.start(Hardening.settings(),
                Hardening.options(this.emulator.endpoint(), this.cacheDir).build(), this.clock);
        try {
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            checked.addListener(events::add);
            AwsSessionCredentials served = checked.credentialsProvider().resolveCredentials();
            this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(500, "InternalServerException"));

            this.clock.set(served.expirationTime().orElseThrow());

            Eventually.await("the credentials are withdrawn", Duration.ofSeconds(10),
                    () -> events.stream().anyMatch(SessionEvent.CredentialsWithdrawn.class::isInstance));
            SessionStatus status = checked.status();
            assertThat(status.credentials().accessKeyId()).isNull();
            assertThat(status.warnings()).anySatisfy((warning) -> assertThat(warning)
                .contains("no new ones were fetched in time"));
        }
        finally {
            checked.close();
        }
    }
}
