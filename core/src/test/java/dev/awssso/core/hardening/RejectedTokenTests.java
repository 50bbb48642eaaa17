package dev.awssso.core.hardening;

import java.nio.file.Path;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.credentials.FallbackCredentialsProvider;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A 401 from the portal is not proof that the session ended: the token is refreshed once and the fetch tried
 * again. Only a refused refresh, a token that cannot be refreshed, or a second rejection end the session.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class RejectedTokenTests {

    private static final Fault REJECTED = Fault.status(401, "UnauthorizedException");

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    @Test
    void aSingleRejectionRefreshesTheTokenAndTriesAgain(IdentityCenterEmulator emulator) {
        SsoEngine engine = signedIn(emulator);
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, REJECTED.times(1));

        engine.credentialsProvider().resolveCredentials();

        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("the token was refreshed once").isEqualTo(1);
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
        assertThat(engine.tokens().sessionEnd()).as("the session goes on").isEmpty();
        assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aRejectionOfTheRefreshedTokenEndsTheSession(IdentityCenterEmulator emulator) {
        SsoEngine engine = signedIn(emulator);
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, REJECTED.times(2));

        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED))
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).isEqualTo(1);
        assertThat(engine.status().state()).isEqualTo(SessionState.EXPIRED);
    }

    @Test
    void theDefaultChainIsNotUsedBecauseOfOneRejection(IdentityCenterEmulator emulator) {
        SsoEngine engine = signedIn(emulator);
        AwsCredentials other = AwsBasicCredentials.create("AKIADEFAULTCHAIN", "not-used");
        FallbackCredentialsProvider provider = new FallbackCredentialsProvider(engine.credentialsProvider(),
                StaticCredentialsProvider.create(other));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, REJECTED.times(1));

        AwsCredentials served = provider.resolveCredentials();

        assertThat(served.accessKeyId()).as("still the Identity Center identity").isNotEqualTo(other.accessKeyId())
            .startsWith("ASIA");
    }

    private SsoEngine signedIn(IdentityCenterEmulator emulator) {
        emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), this.cacheDir).build());
        this.engines.add(engine);
        return engine;
    }
}
