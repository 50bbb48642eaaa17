package dev.awssso.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Role credentials: served from memory, refreshed ahead of expiry, never handed out expired. */
@ExtendWith(ClockedEmulatorExtension.class)
class CredentialsProviderTests {

    /** Past the refresh time of credentials valid for an hour (five minutes before expiry), before they go stale. */
    private static final Duration INTO_REFRESH = Duration.ofMinutes(56);

    /** Longer than any test waits: a call answered this late is still under way when the test ends. */
    /** How long before expiry the engines of {@link EngineFixture} withdraw credentials valid for an hour. */
    private static final Duration STALE_MARGIN = Duration.ofMillis(500);

    private static final Duration NEVER = Duration.ofMinutes(5);

    @TempDir
    Path cacheDir;

    private final List<SsoEngine> engines = new ArrayList<>();

    private MovableClock clock;

    @BeforeEach
    void shareTheClock(MovableClock clock) {
        this.clock = clock;
    }

    @AfterEach
    void closeEngines() {
        this.engines.forEach(SsoEngine::close);
    }

    @Test
    void servesSessionCredentialsWithTheirExpiryThatSdkClientsCanUse(IdentityCenterEmulator emulator) {
        emulator.setCredentialsLifetime(Duration.ofMinutes(30));
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);

        AwsSessionCredentials credentials = provider.resolveCredentials();

        assertThat(credentials.expirationTime()).hasValue(this.clock.instant().plus(Duration.ofMinutes(30)));
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
    void callersKeepGettingTheCurrentCredentialsWhileARefreshIsUnderWay(IdentityCenterEmulator emulator) {
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator, EngineFixture.options(emulator,
                this.cacheDir).timeouts(new CallTimeouts(Duration.ofSeconds(2), NEVER.multipliedBy(2),
                        NEVER.multipliedBy(2))));
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(NEVER));

        this.clock.advance(INTO_REFRESH);
        Eventually.await("the background refresh is under way", Duration.ofSeconds(10),
                () -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 2);

        for (int i = 0; i < 100; i++) {
            assertThat(provider.resolveCredentials()).as("served without waiting for the refresh").isSameAs(first);
        }
        assertThat(provider.lastRefresh().orElseThrow().at()).as("the refresh is still under way")
            .isBefore(this.clock.instant());
    }

    @Test
    void credentialsAreRefreshedAheadOfExpiry(IdentityCenterEmulator emulator) {
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();

        this.clock.advance(INTO_REFRESH);
        Eventually.await("new credentials", Duration.ofSeconds(10),
                () -> !provider.resolveCredentials().accessKeyId().equals(first.accessKeyId()));

        assertThat(provider.resolveCredentials().expirationTime().orElseThrow())
            .isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
    }

    @Test
    void transientFaultsAreRetriedWhileTheValidCredentialsAreServed(IdentityCenterEmulator emulator) {
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException").times(4));
        this.clock.advance(INTO_REFRESH);

        Eventually.await("new credentials after the faults", Duration.ofSeconds(10), () -> {
            AwsSessionCredentials served = provider.resolveCredentials();
            assertThat(served.expirationTime().orElseThrow()).isAfter(this.clock.instant());
            // each failed attempt waits out its backoff on the engine's clock
            this.clock.advance(EngineFixture.BACKOFF.max());
            return !served.accessKeyId().equals(first.accessKeyId());
        });
        assertThat(emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void expiredCredentialsAreNeverHandedOutAndServiceResumesWhenFaultsStop(IdentityCenterEmulator emulator) {
        IdentityCenterCredentialsProvider provider = signedInProvider(emulator);
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(500, "InternalServerException"));
        this.clock.advance(INTO_REFRESH);
        Eventually.await("a failed refresh", Duration.ofSeconds(10), () -> provider.lastFailure().isPresent());

        this.clock.set(first.expirationTime().orElseThrow().minus(STALE_MARGIN));
        awaitWithdrawal(provider, (ex) -> {
            assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(ex.getMessage()).contains("InternalServerException");
        });

        emulator.clearFaults();
        Eventually.await("credentials again", Duration.ofSeconds(10), () -> {
            // each failed attempt waits out its backoff on the engine's clock
            this.clock.advance(EngineFixture.BACKOFF.max());
            return provider.currentCredentials().isPresent();
        });
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
        // the token outlives the credentials: their refresh is the first call to meet the ended session
        emulator.setTokenLifetime(Duration.ofHours(4));
        var session = emulator.signIn(EngineFixture.SESSION);
        session.writeCacheFile(this.cacheDir);
        IdentityCenterCredentialsProvider provider = start(emulator).credentialsProvider();
        AwsSessionCredentials first = provider.resolveCredentials();
        emulator.endSession(session);
        this.clock.advance(INTO_REFRESH);
        Eventually.await("the refresh was refused", Duration.ofSeconds(10), () -> provider.lastFailure().isPresent());

        this.clock.set(first.expirationTime().orElseThrow().minus(STALE_MARGIN));
        awaitWithdrawal(provider, (ex) -> {
            assertThat(ex.reason()).isEqualTo(Reason.SESSION_ENDED);
            assertThat(ex.getMessage()).contains("aws sso login --sso-session my-sso");
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

    /**
     * Waits until the provider withdraws its credentials, checking that it serves none expired meanwhile, and
     * checks the exception callers get then.
     */
    private void awaitWithdrawal(IdentityCenterCredentialsProvider provider, Consumer<SsoSessionException> failure) {
        Eventually.await("the credentials were withdrawn", Duration.ofSeconds(10), () -> {
            try {
                AwsSessionCredentials served = provider.resolveCredentials();
                assertThat(served.expirationTime().orElseThrow()).isAfter(this.clock.instant());
                return false;
            }
            catch (SsoSessionException ex) {
                failure.accept(ex);
                return true;
            }
        });
    }

    private IdentityCenterCredentialsProvider signedInProvider(IdentityCenterEmulator emulator) {
        return signedInProvider(emulator, EngineFixture.options(emulator, this.cacheDir));
    }

    private IdentityCenterCredentialsProvider signedInProvider(IdentityCenterEmulator emulator,
            EngineOptions.Builder options) {
        emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        return start(emulator, options).credentialsProvider();
    }

    private SsoEngine start(IdentityCenterEmulator emulator) {
        return start(emulator, EngineFixture.options(emulator, this.cacheDir));
    }

    private SsoEngine start(IdentityCenterEmulator emulator, EngineOptions.Builder options) {
        SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator), options.build(), this.clock);
        this.engines.add(engine);
        return engine;
    }
}
