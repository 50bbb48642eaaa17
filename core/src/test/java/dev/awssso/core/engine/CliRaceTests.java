package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI writes the token cache without a lock, at any moment: while the engine's {@code CreateToken} is on
 * the wire (held there by the emulator until the test has acted), a sign-in or a refresh of the CLI lands in the
 * file, and the engine keeps what is newer instead of overwriting it or declaring the session ended.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class CliRaceTests {

    @TempDir
    Path cacheDir;

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private final CountDownLatch release = new CountDownLatch(1);

    private IdentityCenterEmulator emulator;

    private MovableClock clock;

    private EmulatedSession session;

    private SsoEngine engine;

    private AwsCli cli;

    @BeforeEach
    void signIn(IdentityCenterEmulator emulator, MovableClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        this.session = emulator.signIn(EngineFixture.SESSION);
        this.session.writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build(), clock);
        this.engine.addListener(this.events::add);
        this.cli = new AwsCli(emulator, this.cacheDir, EngineFixture.SESSION, clock);
    }

    @AfterEach
    void close() {
        this.release.countDown();
        this.engine.close();
        this.cli.close();
    }

    @Test
    void aCliSignInWrittenWhileTheRefreshIsOnTheWireWinsOverTheOldSessionsRefreshedToken() {
        AwsSessionCredentials before = this.engine.credentialsProvider().resolveCredentials();
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.holdUntil(this.release).times(1));
        CompletableFuture<SsoToken> refresh = CompletableFuture.supplyAsync(() -> this.engine.tokens().refreshNow());
        awaitCreateTokenCalls(1);

        this.emulator.setUserName("other@example.com");
        EmulatedSession other = this.emulator.signInAgain(this.session);
        other.writeCacheFile(this.cacheDir);
        this.release.countDown();

        // compared as booleans: a failure message shows no token
        assertThat(refresh).succeedsWithin(Duration.ofSeconds(20))
            .satisfies((token) -> assertThat(token.accessToken().equals(other.accessToken())).isTrue());
        assertThat(TokenCacheFile.of(this.cacheDir, EngineFixture.SESSION).read().orElseThrow().accessToken()
            .equals(other.accessToken())).as("the file keeps the new sign-in").isTrue();
        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId())
            .as("the new identity's credentials")
            .isNotEqualTo(before.accessKeyId());
    }

    @Test
    void aRefreshTokenTheCliRotatedAtTheSameMomentIsAdoptedWithoutEndingTheSession() {
        AwsSessionCredentials before = this.engine.credentialsProvider().resolveCredentials();
        SsoToken held = this.engine.tokens().currentToken().orElseThrow();
        Instant signedInAt = this.engine.tokens().signedInAt().orElseThrow();
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.holdUntil(this.release).times(1));
        try (LogCapture log = new LogCapture()) {
            // into the token's refresh window (the credentials are not due): the background refresh starts
            this.clock.advance(Duration.ofMinutes(50));
            awaitCreateTokenCalls(1);

            // the AWS CLI refreshes with the same refresh token first, which revokes it for the engine's call
            SsoToken rotated = this.cli.refresh(held);
            this.release.countDown();

            Eventually.await("the CLI's token is adopted", Duration.ofSeconds(20),
                    () -> this.engine.tokens().currentToken().orElseThrow().sameAccessToken(rotated));
            assertThat(log.all()).doesNotContain("has ended").doesNotContain("InvalidGrant");
        }
        assertThat(this.engine.tokens().sessionEnd()).isEmpty();
        assertThat(this.engine.tokens().lastFailure()).isEmpty();
        assertThat(this.engine.tokens().signedInAt()).as("the same sign-in").hasValue(signedInAt);
        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId())
            .isEqualTo(before.accessKeyId());
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(2);
        assertThat(this.events).noneMatch((event) -> event instanceof SessionEvent.RefreshFailed
                || event instanceof SessionEvent.SessionExpired || event instanceof SessionEvent.SignedIn);
    }

    private void awaitCreateTokenCalls(long calls) {
        Eventually.await("CreateToken is on the wire", Duration.ofSeconds(20),
                () -> this.emulator.callCount(Operation.CREATE_TOKEN) == calls);
    }
}
