package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.credentials.FallbackCredentialsProvider;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code aws.sso.fallback=default-chain} promises: the other provider (the SDK's default chain) serves
 * once the session has ended and after a sign-out, and IAM Identity Center serves again after a new sign-in.
 */
class FallbackCredentialsTests {

    private static final String DEFAULT_CHAIN_KEY = "AKIADEFAULTCHAINKEY";

    @TempDir
    Path cacheDir;

    private final MovableClock clock = MovableClock.startingNow();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    private AwsCredentialsProvider credentials;

    @BeforeEach
    void start() {
        this.emulator = IdentityCenterEmulator.start(this.clock);
        this.engine = SsoEngine.start(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, this.cacheDir).build(), this.clock);
        this.credentials = new FallbackCredentialsProvider(this.engine.credentialsProvider(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(DEFAULT_CHAIN_KEY, "not-a-secret")));
    }

    @AfterEach
    void stop() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void usesTheDefaultChainOnceTheSessionHasEndedAndSsoAgainAfterANewSignIn() {
        EmulatedSession session = this.emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        assertThat(accessKeyId()).startsWith("ASIA");

        this.emulator.endSession(session);
        // the token and the role credentials (one hour each) have expired, and the session cannot refresh them
        this.clock.advance(Duration.ofHours(2));
        Eventually.await("the default chain serves", Duration.ofSeconds(30),
                () -> DEFAULT_CHAIN_KEY.equals(accessKeyId()));
        assertThat(this.engine.status().state()).isEqualTo(SessionState.EXPIRED);

        signInAgain();
    }

    @Test
    void usesTheDefaultChainAfterSignOutAndSsoAgainAfterANewSignIn() {
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        assertThat(accessKeyId()).startsWith("ASIA");

        assertThat(this.engine.login().signOut()).as("signed out").isTrue();

        assertThat(accessKeyId()).isEqualTo(DEFAULT_CHAIN_KEY);
        assertThat(this.engine.status().state()).isEqualTo(SessionState.SIGNED_OUT);

        signInAgain();
    }

    @Test
    void closingItClosesTheFallbackItOwnsButNotTheEnginesProvider() {
        ClosingProvider fallback = new ClosingProvider();
        FallbackCredentialsProvider provider = new FallbackCredentialsProvider(this.engine.credentialsProvider(),
                fallback);

        provider.close();

        assertThat(fallback.closed).isTrue();
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        assertThat(this.engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
    }

    /** A fallback that says whether it was closed, as the SDK's default chain closes its providers. */
    private static final class ClosingProvider implements AwsCredentialsProvider, SdkAutoCloseable {

        private volatile boolean closed;

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create(DEFAULT_CHAIN_KEY, "not-a-secret");
        }

        @Override
        public void close() {
            this.closed = true;
        }
    }

    private void signInAgain() {
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);

        // picked up within seconds (the background checks every 50 ms): a call at the same moment may still be
        // answered by the fallback
        Eventually.await("IAM Identity Center serves again", Duration.ofSeconds(10),
                () -> accessKeyId().startsWith("ASIA"));
        assertThat(this.engine.status().state()).isEqualTo(SessionState.ACTIVE);
    }

    private String accessKeyId() {
        return this.credentials.resolveCredentials().accessKeyId();
    }
}
