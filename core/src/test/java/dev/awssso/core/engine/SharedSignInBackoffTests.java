package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static dev.awssso.core.engine.RolesFixture.ACCOUNT;
import static dev.awssso.core.engine.RolesFixture.SESSION;
import static dev.awssso.core.engine.RolesFixture.ssoRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Roles of one sign-in share its token refresh and its backoff: while SSO OIDC fails, the roles asking for
 * credentials together make one {@code CreateToken} per backoff window, not one each.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class SharedSignInBackoffTests {

    /** Half a minute to a minute: no second window within the test. */
    private static final RetryBackoff LONG_BACKOFF = new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RolesFixture fixture = new RolesFixture();

    @Test
    void rolesAskingWhileOidcFailsMakeOneCreateTokenPerBackoffWindow(IdentityCenterEmulator emulator,
            MovableClock clock) throws Exception {
        EmulatedSession session = emulator.signIn(SESSION);
        session.writeCacheFile(this.cacheDir);
        clock.set(session.expiresAt().plusSeconds(1));
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(500, "InternalServerException"));
        SsoEngine engine = this.fixture.closedAfter(SsoEngine.start(RolesFixture.settings(emulator),
                RolesFixture.options(emulator, this.cacheDir).backoff(LONG_BACKOFF).build(), clock));
        RoleRegistry registry = this.fixture.registry(engine, ssoRole(emulator, "tools", "222233334444", "ReadOnly"),
                ssoRole(emulator, "admin", ACCOUNT, "AdministratorAccess"));

        List<CompletableFuture<AwsSessionCredentials>> asked = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String role : registry.names()) {
                asked.add(CompletableFuture.supplyAsync(() -> registry.credentialsProvider(role).resolveCredentials()));
            }
        }
        for (CompletableFuture<AwsSessionCredentials> answer : asked) {
            assertThat(catchThrowable(() -> answer.get(30, TimeUnit.SECONDS))).isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(SsoSessionException.class,
                        (ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE));
        }

        assertThat(registry.names()).hasSize(3);
        assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("one call, with the SDK's own attempts")
            .isEqualTo(SdkAttempts.PER_CALL);
    }
}
