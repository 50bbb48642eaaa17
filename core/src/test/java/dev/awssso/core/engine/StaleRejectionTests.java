package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.token.SsoToken;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 401 names the token it rejected: one that arrives late, for a token a new sign-in has replaced meanwhile,
 * ends nothing of the new sign-in.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class StaleRejectionTests {

    @TempDir
    Path cacheDir;

    private final CountDownLatch release = new CountDownLatch(1);

    private SsoEngine engine;

    @AfterEach
    void closeEngine() {
        this.release.countDown();
        if (this.engine != null) {
            this.engine.close();
        }
    }

    @Test
    void aRejectionOfATokenThatANewSignInReplacedDoesNotEndTheNewSignIn(IdentityCenterEmulator emulator) {
        EmulatedSession first = emulator.signIn(EngineFixture.SESSION);
        first.writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build());
        // the portal rejects the first token; the fetch with its refreshed token is held on the wire
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(401, "UnauthorizedException").times(1));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.holdUntil(this.release).times(1));
        CompletableFuture<AwsSessionCredentials> fetch = CompletableFuture
            .supplyAsync(() -> this.engine.credentialsProvider().resolveCredentials());
        Eventually.await("the fetch with the refreshed token is on the wire", Duration.ofSeconds(20),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 2);

        // "aws sso login" in a terminal; then the first session ends, and its held fetch is answered with a 401
        EmulatedSession second = emulator.signInAgain(first);
        second.writeCacheFile(this.cacheDir);
        Eventually.await("the new sign-in is adopted", Duration.ofSeconds(20), () -> this.engine.tokens()
            .currentToken()
            .map((token) -> token.accessToken().equals(second.accessToken()))
            .orElse(false));
        emulator.endSession(first);
        this.release.countDown();
        assertThat(fetch).as("the caller who waited gets credentials of the new sign-in")
            .succeedsWithin(Duration.ofSeconds(20));

        assertThat(this.engine.tokens().sessionEnd()).as("the new sign-in has not ended").isEmpty();
        Eventually.await("credentials of the new sign-in", Duration.ofSeconds(20), () -> {
            try {
                return this.engine.credentialsProvider().resolveCredentials() != null;
            }
            catch (SsoSessionException ex) {
                return false;
            }
        });
        SsoToken current = this.engine.tokens().currentToken().orElseThrow();
        assertThat(current.accessToken().equals(second.accessToken())).isTrue();
        Eventually.await("the status is active", Duration.ofSeconds(20),
                () -> this.engine.status().state() == SessionState.ACTIVE);
    }
}
