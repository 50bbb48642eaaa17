package dev.awssso.emulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.TooManyRequestsException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InternalServerException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Injected faults as the real SDK clients see them, and the call counters.
 */
class FaultTests extends SignedInTests {

    private static final String OTHER_ACCOUNT = "444455556666";

    @Test
    void statusFaultOnThePortal() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));

        assertThatExceptionOfType(SsoException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(503);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
            });
    }

    @Test
    void statusFaultWithAModeledErrorRaisesTheModeledException() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(429, "TooManyRequestsException"));
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(500, "InternalServerException"));

        assertThatExceptionOfType(TooManyRequestsException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()))
            .satisfies((ex) -> assertThat(ex.isThrottlingException()).isTrue());
        assertThatExceptionOfType(InternalServerException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(500);
                assertThat(ex.error()).isEqualTo("internal_server");
            });
    }

    @Test
    void statusFaultOnOidcAndSts() {
        RoleCredentials credentials = this.clients.roleCredentials(this.session.accessToken());
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException"));
        this.emulator.injectFault(Operation.GET_CALLER_IDENTITY, Fault.status(400, "Throttling"));

        assertThatExceptionOfType(SsoOidcException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
        assertThatExceptionOfType(StsException.class).isThrownBy(() -> this.clients.callerIdentity(credentials))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(ex.isThrottlingException()).isTrue();
            });
    }

    @Test
    void statusFaultDoesNotRunTheOperation() {
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.status(503, "ServiceUnavailableException").times(1));

        assertThatExceptionOfType(SsoOidcException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        assertThat(this.clients.refresh(this.session, this.session.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void delayAnswersNormallyAfterTheDelay() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofMillis(200)));
        long start = System.nanoTime();

        RoleCredentials credentials = this.clients.roleCredentials(this.session.accessToken());

        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aHeldCallIsCountedAtOnceAndAnsweredFromTheStateAtItsRelease() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.holdUntil(release).times(1));
        CompletableFuture<CreateTokenResponse> held = CompletableFuture
            .supplyAsync(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (this.emulator.callCount(Operation.CREATE_TOKEN) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        assertThat(held).isNotDone();

        this.emulator.endSession(this.session);
        release.countDown();

        assertThat(held).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
            .havingRootCause()
            .isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void delayBeyondTheAttemptTimeoutTimesOut() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(Duration.ofSeconds(5)));

        try (SdkClients impatient = new SdkClients(this.emulator, Duration.ofMillis(200))) {
            assertThatExceptionOfType(ApiCallAttemptTimeoutException.class)
                .isThrownBy(() -> impatient.roleCredentials(this.session.accessToken()));
        }
    }

    @Test
    void connectionResetIsAClientError() {
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.connectionReset());
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.connectionReset());

        assertThatExceptionOfType(SdkClientException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        assertThatExceptionOfType(SdkClientException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()));
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        // HttpURLConnection quietly sends a GET once more after the connection closed unanswered
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
    }

    @Test
    void malformedJsonIsAClientError() {
        RoleCredentials credentials = this.clients.roleCredentials(this.session.accessToken());
        this.emulator.injectFault(Operation.CREATE_TOKEN, Fault.malformedJson());
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.malformedJson());
        this.emulator.injectFault(Operation.GET_CALLER_IDENTITY, Fault.malformedJson());

        assertThatExceptionOfType(SdkClientException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        assertThatExceptionOfType(SdkClientException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()));
        assertThatExceptionOfType(SdkClientException.class)
            .isThrownBy(() -> this.clients.callerIdentity(credentials));
    }

    @Test
    void timesLimitsAFaultAndFaultsApplyInTurn() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.status(503, "ServiceUnavailableException").times(2));
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.status(429, "TooManyRequestsException").times(1));

        assertThat(statusOfGetRoleCredentials()).isEqualTo(503);
        assertThat(statusOfGetRoleCredentials()).isEqualTo(503);
        assertThat(statusOfGetRoleCredentials()).isEqualTo(429);
        assertThat(statusOfGetRoleCredentials()).isEqualTo(200);
    }

    @Test
    void unlimitedFaultStaysUntilCleared() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.status(503, "ServiceUnavailableException"));

        assertThat(statusOfGetRoleCredentials()).isEqualTo(503);
        assertThat(statusOfGetRoleCredentials()).isEqualTo(503);
        assertThat(statusOfGetRoleCredentials()).isEqualTo(503);
        this.emulator.clearFaults();
        assertThat(statusOfGetRoleCredentials()).isEqualTo(200);
    }

    @Test
    void faultsApplyOnlyToTheirOperation() {
        this.emulator.injectFault(Operation.LIST_ACCOUNTS, Fault.status(503, "ServiceUnavailableException"));

        assertThat(statusOfGetRoleCredentials()).isEqualTo(200);
    }

    @Test
    void aFaultForAnAccountAppliesOnlyToCallsForThatAccount() {
        this.emulator.addAccount(OTHER_ACCOUNT, "Other", "ReadOnly");
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.status(429, "TooManyRequestsException").times(1).forAccount(OTHER_ACCOUNT));

        assertThat(statusOfGetRoleCredentials()).as("another account, the fault not used up").isEqualTo(200);
        assertThat(statusOfGetRoleCredentials(OTHER_ACCOUNT)).isEqualTo(429);
        assertThat(statusOfGetRoleCredentials(OTHER_ACCOUNT)).isEqualTo(200);
        assertThat(Fault.connectionReset().forAccount(OTHER_ACCOUNT))
            .hasToString("Fault[connection reset, account " + OTHER_ACCOUNT + "]");
    }

    @Test
    void theMostConcurrentCallsCountsTheRequestsAnsweredAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.holdUntil(release).times(1));
        Thread slow = new Thread(this::statusOfGetRoleCredentials);
        slow.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 0) {
                assertThat(System.nanoTime()).as("the slow request arrived").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(statusOfGetRoleCredentials()).as("answered while the slow one is held").isEqualTo(200);
        }
        finally {
            release.countDown();
        }
        slow.join();
        assertThat(statusOfGetRoleCredentials()).as("answered alone").isEqualTo(200);

        assertThat(this.emulator.mostConcurrentCalls(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(2);
        assertThat(this.emulator.mostConcurrentCalls(Operation.LIST_ACCOUNTS)).isZero();
        this.emulator.resetCallCounts();
        assertThat(this.emulator.mostConcurrentCalls(Operation.GET_ROLE_CREDENTIALS)).isZero();
    }

    @Test
    void countersCountEveryRequestPerOperation() {
        this.emulator.injectFault(Operation.GET_ROLE_CREDENTIALS,
                Fault.status(503, "ServiceUnavailableException").times(1));

        statusOfGetRoleCredentials();
        statusOfGetRoleCredentials();
        this.clients.refresh(this.session, this.session.refreshToken());
        assertThatExceptionOfType(SsoException.class).isThrownBy(() -> this.clients.roleCredentials("aoaUnknown"));

        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(3);
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNTS)).isZero();
        this.emulator.resetCallCounts();
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isZero();
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isZero();
    }

    @Test
    void faultsValidateTheirArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(200, "Ok"));
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.delay(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.connectionReset().times(0));
        assertThat(Fault.status(503, "ServiceUnavailableException").times(2))
            .hasToString("Fault[status 503 ServiceUnavailableException, 2 times]");
    }

    private int statusOfGetRoleCredentials() {
        return statusOfGetRoleCredentials(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
    }

    private int statusOfGetRoleCredentials(String accountId) {
        try {
            this.clients.roleCredentials(this.session.accessToken(), accountId, IdentityCenterEmulator.DEFAULT_ROLE_NAME);
            return 200;
        }
        catch (SsoException ex) {
            return ex.statusCode();
        }
    }

}
