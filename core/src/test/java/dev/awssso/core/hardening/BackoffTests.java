package dev.awssso.core.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.credentials.RoleCredentialsFetcher;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.core.token.TokenListener;
import dev.awssso.core.token.TokenManager;
import dev.awssso.core.token.TokenRefresher;
import dev.awssso.emulator.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsResponse;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenRequest;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The wait after a failed attempt counts from the failure: an attempt that took long (timeouts, the SDK's own
 * retries under throttling) is not followed at once by the next one, nor is an answer that cannot be used.
 * A clock that only moves when told shows it.
 */
class BackoffTests {

    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** How long each failing call takes, on the test's clock. */
    private static final Duration SLOW_CALL = Duration.ofSeconds(30);

    @TempDir
    Path cacheDir;

    private final MovableClock clock = new MovableClock(Instant.now());

    @Test
    void aSlowFailedTokenRefreshIsNotRetriedBeforeTheBackoffHasPassedSinceItFailed() {
        AtomicInteger calls = new AtomicInteger();
        TokenManager tokens = tokenManager(new FailingOidc(calls));
        this.clock.advance(Duration.ofMinutes(6));

        tokens.refreshIfDue();
        assertThat(calls).hasValue(1);
        tokens.refreshIfDue();
        assertThat(calls).as("not retried right after a failure that took " + SLOW_CALL).hasValue(1);

        // the token's backoff runs on the monotonic clock: it passes in real time, whatever the wall clock shows
        Eventually.await("retried once the backoff has passed", Duration.ofSeconds(20), () -> {
            tokens.refreshIfDue();
            return calls.get() == 2;
        });
        assertThat(tokens.lastFailure().orElseThrow().at()).as("the failure is dated when it happened")
            .isEqualTo(this.clock.instant());
    }

    @Test
    void credentialsExpiredOnArrivalWithNoDateToReadTheSkewByAreNeitherServedNorFetchedOnEveryCall() {
        TokenManager tokens = tokenManager(new FailingOidc(new AtomicInteger()));
        AtomicInteger calls = new AtomicInteger();
        IdentityCenterCredentialsProvider provider = new IdentityCenterCredentialsProvider(Hardening.settings(),
                tokens, new RoleCredentialsFetcher(() -> new PortalAnsweringExpired(calls), Hardening.settings()),
                this.clock, new RefreshingCredentialsProvider.Timing(Duration.ofMinutes(5), Duration.ofMinutes(1),
                        BACKOFF, Duration.ofSeconds(1)), Runnable::run, null, new CredentialsListener() {
                        });

        for (int i = 0; i < 10; i++) {
            assertThatExceptionOfType(SsoSessionException.class).isThrownBy(provider::resolveCredentials)
                .withMessageContaining("already past by this machine's clock")
                .withMessageContaining("ahead of AWS's")
                .withMessageContaining("NTP");
        }

        assertThat(calls).as("not fetched again before the backoff").hasValue(1);
        assertThat(provider.currentCredentials()).isEmpty();
        assertThat(provider.lastFailure().orElseThrow().errorType()).isEqualTo("ClockSkew");
    }

    /** A token valid for 10 more minutes, refreshable, in the cache; due for refresh in 5 minutes. */
    private TokenManager tokenManager(SsoOidcClient oidc) {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, Hardening.SESSION);
        file.write(new SsoToken("access", this.clock.instant().plus(Duration.ofMinutes(10)), "refresh", "client",
                "secret", this.clock.instant().plus(Duration.ofDays(30)), Hardening.SSO_REGION, Hardening.START_URL,
                Map.of()));
        TokenManager tokens = new TokenManager(Hardening.settings(), file, new TokenRefresher(() -> oidc, this.clock),
                this.clock, Duration.ofMinutes(15), BACKOFF, new TokenListener() {
                });
        tokens.reloadIfChanged();
        assertThat(tokens.currentToken()).isPresent();
        return tokens;
    }

    private final class FailingOidc implements SsoOidcClient {

        private final AtomicInteger calls;

        FailingOidc(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public CreateTokenResponse createToken(CreateTokenRequest request) {
            this.calls.incrementAndGet();
            BackoffTests.this.clock.advance(SLOW_CALL);
            throw (SsoOidcException) SsoOidcException.builder()
                .statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailableException").build())
                .build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    /** A portal whose credentials expired an hour ago by the test's clock, answered without a {@code Date}. */
    private final class PortalAnsweringExpired implements SsoClient {

        private final AtomicInteger calls;

        PortalAnsweringExpired(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public GetRoleCredentialsResponse getRoleCredentials(GetRoleCredentialsRequest request) {
            this.calls.incrementAndGet();
            return GetRoleCredentialsResponse.builder()
                .roleCredentials(RoleCredentials.builder()
                    .accessKeyId("ASIAEXAMPLE")
                    .secretAccessKey("secret")
                    .sessionToken("session")
                    .expiration(BackoffTests.this.clock.instant().minus(Duration.ofHours(1)).toEpochMilli())
                    .build())
                .build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
