package dev.awssso.core.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.engine.Eventually;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenRequest;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the device code flow polls {@code CreateToken}: never sooner than the interval IAM Identity Center
 * asks for, and five seconds later still after each {@code slow_down}. The times are taken as each poll goes on
 * the wire, so every gap measured is a lower bound of the real one. The tests run side by side, each with an
 * emulator of its own: they mostly wait out poll intervals, and a busy machine only makes the gaps longer.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class DeviceCodePollingTests {

    private final PollRecorder polls = new PollRecorder();

    @Test
    void pollsNoSoonerThanTheIntervalTheServiceAsksFor(IdentityCenterEmulator emulator) throws Exception {
        emulator.setDevicePollInterval(Duration.ofSeconds(1));
        emulator.setSlowDownEnforced(true);
        try (SsoOidcClient oidc = oidcClient(emulator)) {
            DeviceCodeSignIn signIn = begin(oidc, emulator);
            CompletableFuture<CreateTokenResponse> token = CompletableFuture.supplyAsync(signIn::await);
            Eventually.await("two polls", Duration.ofSeconds(15), () -> this.polls.count() >= 2);

            emulator.approveDevice(signIn.prompt().userCode());

            assertThat(token.get(15, TimeUnit.SECONDS).accessToken()).isNotBlank();
            assertThat(this.polls.slowDowns()).as("told to slow down").isZero();
            assertThat(this.polls.gaps()).isNotEmpty()
                .allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        }
    }

    @Test
    void pollsFiveSecondsLaterAfterSlowDown(IdentityCenterEmulator emulator) throws Exception {
        emulator.setDevicePollInterval(Duration.ofSeconds(1));
        emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(400, "SlowDownException").times(1));
        try (SsoOidcClient oidc = oidcClient(emulator)) {
            DeviceCodeSignIn signIn = begin(oidc, emulator);
            emulator.approveDevice(signIn.prompt().userCode());

            CreateTokenResponse token = CompletableFuture.supplyAsync(signIn::await).get(20, TimeUnit.SECONDS);

            assertThat(token.accessToken()).isNotBlank();
            assertThat(this.polls.slowDowns()).isOne();
            assertThat(this.polls.gaps()).singleElement()
                .satisfies((gap) -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1 + 5)));
        }
    }

    private DeviceCodeSignIn begin(SsoOidcClient oidc, IdentityCenterEmulator emulator) {
        RegisterClientResponse registered = oidc.registerClient((request) -> request.clientName("polling-test")
            .clientType("public")
            .scopes("sso:account:access"));
        ClientRegistration registration = new ClientRegistration(registered.clientId(), registered.clientSecret(),
                Instant.ofEpochSecond(registered.clientSecretExpiresAt()), List.of("sso:account:access"), null);
        return DeviceCodeSignIn.begin(oidc, emulator.startUrl(), registration, Clock.systemUTC(),
                Duration.ofMinutes(1));
    }

    private SsoOidcClient oidcClient(IdentityCenterEmulator emulator) {
        return SsoOidcClient.builder()
            .region(Region.of(emulator.ssoRegion()))
            .endpointOverride(emulator.endpoint())
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration((configuration) -> configuration.addExecutionInterceptor(this.polls))
            .build();
    }

    /** Notes when each {@code CreateToken} request goes out, on the monotonic clock, and each slow_down answer. */
    private static final class PollRecorder implements ExecutionInterceptor {

        private final List<Long> sentAt = new CopyOnWriteArrayList<>();

        private final AtomicInteger slowDowns = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof CreateTokenRequest) {
                this.sentAt.add(System.nanoTime());
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.exception() instanceof SlowDownException) {
                this.slowDowns.incrementAndGet();
            }
        }

        int count() {
            return this.sentAt.size();
        }

        int slowDowns() {
            return this.slowDowns.get();
        }

        List<Duration> gaps() {
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < this.sentAt.size(); i++) {
                gaps.add(Duration.ofNanos(this.sentAt.get(i) - this.sentAt.get(i - 1)));
            }
            return gaps;
        }
    }
}
