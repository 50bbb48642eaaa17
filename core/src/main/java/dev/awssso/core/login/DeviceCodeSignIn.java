package dev.awssso.core.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.internal.ForeignText;
import dev.awssso.core.internal.LoopbackHosts;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * The device code flow, as {@code aws sso login --use-device-code} runs it: the user confirms a short code on
 * any device while the application polls {@code CreateToken} at the interval the service asks for, five
 * seconds slower after each {@code SlowDownException}.
 */
final class DeviceCodeSignIn implements PendingSignIn {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final Duration DEFAULT_CODE_LIFETIME = Duration.ofMinutes(10);

    private final SsoOidcClient oidc;

    private final ClientRegistration registration;

    private final String deviceCode;

    private final LoginPrompt prompt;

    private final long deadlineNanos;

    private final CountDownLatch cancelled = new CountDownLatch(1);

    private Duration interval;

    private DeviceCodeSignIn(SsoOidcClient oidc, ClientRegistration registration, String deviceCode,
            Duration interval, LoginPrompt prompt, long deadlineNanos) {
        this.oidc = oidc;
        this.registration = registration;
        this.deviceCode = deviceCode;
        this.interval = interval;
        this.prompt = prompt;
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts a device authorization for {@code startUrl}. */
    static DeviceCodeSignIn begin(SsoOidcClient oidc, String startUrl, ClientRegistration registration, Clock clock,
            Duration timeout) {
        long startedNanos = System.nanoTime();
        Instant now = clock.instant();
        StartDeviceAuthorizationResponse authorization = oidc.startDeviceAuthorization((request) -> request
            .clientId(registration.clientId())
            .clientSecret(registration.clientSecret())
            .startUrl(startUrl));
        Duration codeLifetime = Duration.ofSeconds((authorization.expiresIn() != null) ? authorization.expiresIn()
                : DEFAULT_CODE_LIFETIME.toSeconds());
        Duration wait = (codeLifetime.compareTo(timeout) < 0) ? codeLifetime : timeout;
        String page = (authorization.verificationUriComplete() != null) ? authorization.verificationUriComplete()
                : authorization.verificationUri();
        Duration interval = (authorization.interval() != null && authorization.interval() > 0)
                ? Duration.ofSeconds(authorization.interval()) : DEFAULT_INTERVAL;
        LoginPrompt prompt = new LoginPrompt(LoginFlow.DEVICE_CODE, verificationPage(page),
                (authorization.userCode() != null) ? ForeignText.of(authorization.userCode()) : null, now.plus(wait));
        return new DeviceCodeSignIn(oidc, registration, authorization.deviceCode(), interval, prompt,
                startedNanos + wait.toNanos());
    }

    /**
     * The page where the user confirms the code: {@code https}, or {@code http} on this machine (the emulator).
     * @throws LoginFailedException for anything else, which the user should not be sent to
     */
    static URI verificationPage(@Nullable String page) {
        URI uri = null;
        try {
            uri = (page != null) ? new URI(page) : null;
        }
        catch (URISyntaxException ex) {
            // reported below
        }
        boolean secure = uri != null && uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && LoopbackHosts.isLoopback(uri.getHost())));
        if (!secure) {
            throw new LoginFailedException("IAM Identity Center gave a verification page that is not an https URL ("
                    + ((page != null) ? ForeignText.of(page) : "none") + "), so the sign-in was stopped. Check"
                    + " aws.sso.endpoint.oidc.");
        }
        return uri;
    }

    @Override
    public LoginPrompt prompt() {
        return this.prompt;
    }

    @Override
    public CreateTokenResponse await() {
        while (true) {
            try {
                return this.oidc.createToken((request) -> request.grantType(DEVICE_CODE_GRANT)
                    .clientId(this.registration.clientId())
                    .clientSecret(this.registration.clientSecret())
                    .deviceCode(this.deviceCode));
            }
            catch (AuthorizationPendingException ex) {
                // the user has not confirmed yet
            }
            catch (SlowDownException ex) {
                this.interval = this.interval.plus(SLOW_DOWN_STEP);
            }
            catch (ExpiredTokenException ex) {
                throw new LoginFailedException("The sign-in code expired before it was confirmed. Start the sign-in"
                        + " again.");
            }
            catch (AccessDeniedException ex) {
                throw new LoginFailedException("The sign-in was denied in the browser.");
            }
            long untilDeadline = this.deadlineNanos - System.nanoTime();
            boolean nextPollTooLate = this.interval.toNanos() >= untilDeadline;
            if (waitOrCancelled(nextPollTooLate ? Duration.ofNanos(Math.max(0, untilDeadline)) : this.interval)) {
                throw new LoginFailedException("The sign-in was cancelled.");
            }
            if (nextPollTooLate) {
                throw new LoginFailedException("Nobody confirmed the code " + this.prompt.userCode() + " before "
                        + this.prompt.expiresAt() + ". Start the sign-in again.");
            }
        }
    }

    @Override
    public void cancel() {
        this.cancelled.countDown();
    }

    @Override
    public void close() {
        cancel();
    }

    private boolean waitOrCancelled(Duration wait) {
        try {
            return this.cancelled.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
