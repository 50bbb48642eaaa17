package dev.awssso.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Role credentials: served from memory, refreshed ahead of expiry, never handed out expired. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class CredentialsProviderTests {

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        this.engines.forEach(SsoEngine::close);
    }

    @Test
    void servesSessionCredentialsWithTheirExpiryThatSdkClientsCanUse(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofMinutes(30));
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);

        AwsSessionCredentials credentials = provider.resolveCredentials();

        assertThat(credentials.expirationTime()).hasValueSatisfying((expiry) -> assertThat(expiry)
            .isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
        assertThat(credentials.accountId()).hasValue(EngineFixture.ACCOUNT);
        try (StsClient sts = StsClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(emulator.endpoint())
            .credentialsProvider(provider)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(EngineFixture.ACCOUNT);
            assertThat(identity.arn()).contains(":assumed-role/" + EngineFixture.ROLE + "/");
        }
        assertThat(provider.resolveCredentials()).as("served from memory").isSameAs(credentials);
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
    }

    @Test
    void credentialsAreRefreshedAheadOfExpiryWithoutBlockingCallers(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofSeconds(4));
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();
        Duration slowAnswer = Duration.ofMillis(1500);
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(slowAnswer));

        long slowestCallNanos = 0;
        AwsSessionCredentials current = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (current.accessKeyId().equals(first.accessKeyId()) && System.nanoTime() < deadline) {
            long started = System.nanoTime();
            current = provider.resolveCredentials();
            slowestCallNanos = Math.max(slowestCallNanos, System.nanoTime() - started);
            assertThat(current.expirationTime().orElseThrow()).isAfter(Instant.now());
        }

        assertThat(current.accessKeyId()).as("refreshed").isNotEqualTo(first.accessKeyId());
        assertThat(Duration.ofNanos(slowestCallNanos)).as("no caller waited for the slow refresh")
            .isLessThan(slowAnswer.dividedBy(3));
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
    }

    @Test
    void transientFaultsAreRetriedWhileTheValidCredentialsAreServed(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofSeconds(4));
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException").times(4));

        Eventually.await("new credentials after the faults", Duration.ofSeconds(10), () -> {
            AwsSessionCredentials served = provider.resolveCredentials();
            assertThat(served.expirationTime().orElseThrow()).isAfter(Instant.now());
            return !served.accessKeyId().equals(first.accessKeyId());
        });
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isGreaterThanOrEqualTo(6);
    }

    @Test
    void expiredCredentialsAreNeverHandedOutAndServiceResumesWhenFaultsStop(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofSeconds(2));
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(500, "InternalServerException"));

        Eventually.await("the credentials were withdrawn", Duration.ofSeconds(10), () -> {
            try {
                AwsSessionCredentials served = provider.resolveCredentials();
                assertThat(served.expirationTime().orElseThrow()).isAfter(Instant.now());
                return false;
            }
            catch (SsoSessionException ex) {
                assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(ex.getMessage()).contains("InternalServerException");
                return true;
            }
        });
        assertThat(first.expirationTime().orElseThrow()).isBefore(Instant.now().plusSeconds(1));

        emulator.clearFaults();
        Eventually.await("credentials again", Duration.ofSeconds(10), () -> provider.currentCredentials().isPresent());
        assertThat(provider.resolveCredentials().accessKeyId()).isNotEqualTo(first.accessKeyId());
    }

    @Test
    void aDeniedRoleNamesTheAccountAndTheRole(IdentityCenterEmulator emulator) {
        emulator.denyRole(EngineFixture.ACCOUNT, EngineFixture.ROLE);
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);

        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACCESS_DENIED))
            .withMessageContaining("role 'ReadOnly' in account 111122223333")
            .withMessageContaining("aws.sso.role-name");
    }

    @Test
    void anEndedSessionIsReportedWhenThePortalRejectsTheToken(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofSeconds(2));
        var session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        IdentityCenterCredentialsProvider provider = start(emulator).credentialsProvider();
        provider.resolveCredentials();
        emulator.endSession(session);

        Eventually.await("the ended session is reported", Duration.ofSeconds(10), () -> {
            try {
                provider.resolveCredentials();
                return false;
            }
            catch (SsoSessionException ex) {
                assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED);
                assertThat(ex.getMessage()).contains("aws sso login --sso-session my-sso");
                return true;
            }
        });
    }

    @Test
    void nobodySignedInGivesTheSignInCommandAndTheCacheFile(IdentityCenterEmulator emulator) {
        IdentityCenterCredentialsProvider provider = start(emulator).credentialsProvider();

        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT))
            .withMessageContaining(this.cacheDir.toString())
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isZero();
    }

    @Test
    void aCorruptCacheFileIsReportedKeptAndRecoveredFromOnceFixed(IdentityCenterEmulator emulator) throws Exception {
        var session = emulator.signIn(EngineFixture.SESSION);
        Path file = session.writeCacheFile(this.cacheDir);
        Files.writeString(file, "{\"accessToken\": \"trunc");
        IdentityCenterCredentialsProvider provider = start(emulator).credentialsProvider();

        assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TOKEN_CACHE_UNREADABLE))
            .withMessageContaining(file.toString())
            .withMessageContaining("not valid JSON");
        assertThat(file).exists();

        session.writeCacheFile(this.cacheDir);
        assertThat(provider.resolveCredentials().accessKeyId()).startsWith("ASIA");
    }

    private IdentityCenterCredentialsProvider signedInProvider(IdentityCenterEmulator emulator) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        return start(emulator).credentialsProvider();
    }

    private SsoEngine start(IdentityCenterEmulator emulator) {
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator),
                EngineFixture.options(emulator, this.cacheDir).build());
        this.engines.add(engine);
        return engine;
    }
}
