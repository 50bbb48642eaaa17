package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.refresh.RetryBackoff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's defaults are the documented ones (the Javadoc of {@link EngineOptions.Builder}, README's property
 * table): the other tests set their own timings, so a changed default would pass them all.
 */
class DocumentedDefaultsTests {

    private final EngineOptions defaults = EngineOptions.builder(Path.of("cache")).build();

    @Test
    void theCacheFileAndExpiriesAreCheckedEverySecond() {
        assertThat(this.defaults.checkInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theTokenIsRefreshedFifteenMinutesBeforeItExpiresAsTheAwsCliDoes() {
        assertThat(this.defaults.tokenRefreshWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void roleCredentialsAreFetchedAgainFiveMinutesBeforeTheyExpireAndWithdrawnAMinuteBefore() {
        assertThat(this.defaults.credentialsRefreshWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(this.defaults.credentialsStaleMargin()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void failedAttemptsWaitASecondDoublingToAMinute() {
        assertThat(this.defaults.backoff()).isEqualTo(RetryBackoff.DEFAULT);
        assertThat(RetryBackoff.DEFAULT.initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryBackoff.DEFAULT.max()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aCallerWaitsTenSecondsAtMost() {
        assertThat(this.defaults.callerWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void callsToAwsConnectWithinFiveSecondsReadWithinTenAndEndWithinThirty() {
        assertThat(this.defaults.timeouts()).isEqualTo(CallTimeouts.DEFAULT);
        assertThat(CallTimeouts.DEFAULT).isEqualTo(new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
    }

    @Test
    void aSessionIsTakenToLastEightHoursWithWarningsThirtyTenAndFiveMinutesBeforeItEnds() {
        assertThat(this.defaults.sessionDuration()).isEqualTo(Duration.ofHours(8));
        assertThat(this.defaults.expiryWarnings()).isEqualTo(List.of(Duration.ofMinutes(30), Duration.ofMinutes(10),
                Duration.ofMinutes(5)));
        assertThat(this.defaults.expiringWithin()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aSignInWaitsTenMinutesForTheUser() {
        assertThat(this.defaults.loginTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theSdksEndpointsAreCalled() {
        assertThat(this.defaults.endpoints()).isEqualTo(SsoEndpoints.DEFAULT);
    }
}
