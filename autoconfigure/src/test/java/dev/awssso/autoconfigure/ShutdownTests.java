package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application while a request waits for credentials that a slow {@code GetRoleCredentials} has not
 * delivered: the request is released as soon as the context starts closing, so that the graceful shutdown of the
 * web server, which waits for its requests, does not wait for AWS.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ShutdownTests {

    /** Far longer than the bound the test allows, so that only releasing the waiter can pass it. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aRequestWaitingForCredentialsIsReleasedAsSoonAsTheContextStartsClosing(IdentityCenterEmulator emulator) {
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, Fault.delay(SLOW_ANSWER));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.session-name=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint(),
                    "aws.sso.timeouts.read=90s", "aws.sso.timeouts.call=90s", "aws.sso.timeouts.caller-wait=90s")
            .withBean(GracefulShutdown.class)
            .run((context) -> {
                AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
                CompletableFuture<Throwable> request = CompletableFuture.supplyAsync(() -> {
                    try {
                        credentials.resolveCredentials();
                        return null;
                    }
                    catch (RuntimeException ex) {
                        return ex;
                    }
                });
                context.getBean(GracefulShutdown.class).request = request;
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> emulator.callCount(Operation.GET_ROLE_CREDENTIALS) == 1);

                long closing = System.nanoTime();
                context.close();

                assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("time to close the context")
                    .isLessThan(Duration.ofSeconds(10));
                assertThat(request).isCompletedWithValueMatching((ex) -> ex instanceof SsoSessionException session
                        && session.reason() == Reason.CLOSED
                        && session.getMessage().contains("application is stopping"),
                        "released with an SsoSessionException saying that the application is stopping");
            });
    }

    /** Waits for the request under way when it stops, as the graceful shutdown of Boot's web servers does. */
    static class GracefulShutdown implements SmartLifecycle {

        private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

        volatile CompletableFuture<Throwable> request = CompletableFuture.completedFuture(null);

        private volatile boolean running;

        @Override
        public void start() {
            this.running = true;
        }

        @Override
        public void stop() {
            try {
                this.request.get(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception ex) {
                // the grace period ended: stop anyway, as the web server does
            }
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public int getPhase() {
            // the phase of Boot's WebServerGracefulShutdownLifecycle
            return SmartLifecycle.DEFAULT_PHASE - 1024;
        }
    }
}
