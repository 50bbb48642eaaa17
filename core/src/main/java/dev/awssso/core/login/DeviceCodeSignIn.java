package dev.awssso.core.login;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    private final SsoOidcClient oidc;

    private final ClientRegistration registration;

    private final String deviceCode;

    private final LoginPrompt prompt;

    private final CountDownLatch cancelled = new CountDownLatch(1);

    private Duration interval;

    private DeviceCodeSignIn(SsoOidcClient oidc, ClientRegistration registration, String deviceCode,
            Duration interval, LoginPrompt prompt) {
        this.oidc = oidc;
        this.registration = registration;
        this.deviceCode = deviceCode;
        this.interval = interval;
        this.prompt = prompt;
    }

    /** Starts a device authorization for {@code startUrl}. */
    static DeviceCodeSignIn begin(SsoOidcClient oidc, String startUrl, ClientRegistration registration, Clock clock,
            Duration timeout) {
        Instant now = clock.instant();
        StartDeviceAuthorizationResponse authorization = oidc.startDeviceAuthorization((request) -> request
            .clientId(registration.clientId())
            .clientSecret(registration.clientSecret())
            .startUrl(startUrl));
        Instant expiresAt = now.plusSeconds((authorization.expiresIn() != null) ? authorization.expiresIn() : 600);
        if (expiresAt.isAfter(now.plus(timeout))) {
            expiresAt = now.plus(timeout);
        }
        String page = (authorization.verificationUriComplete() != null) ? authorization.verificationUriComplete()
                : authorization.verificationUri();
        Duration interval = (authorization.interval() != null && authorization.interval() > 0)
                ? Duration.ofSeconds(authorization.interval()) : DEFAULT_INTERVAL;
        LoginPrompt prompt = new LoginPrompt(LoginFlow.DEVICE_CODE, URI.create(page), authorization.userCode(),
                expiresAt);
        return new DeviceCodeSignIn(oidc, registration, authorization.deviceCode(), interval, prompt);
    }

    @Override
    public LoginPrompt prompt() {
        return this.prompt;
    }

    @Override
    public CreateTokenResponse await(Instant deadline) {
        Instant end = deadline.isBefore(this.prompt.expiresAt()) ? deadline : this.prompt.expiresAt();
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
            if (Instant.now().plus(this.interval).isAfter(end)) {
                throw new LoginFailedException("Nobody confirmed the code " + this.prompt.userCode() + " before "
                        + end + ". Start the sign-in again.");
            }
            if (waitOrCancelled(this.interval)) {
                throw new LoginFailedException("The sign-in was cancelled.");
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
            return this.cancelled.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
