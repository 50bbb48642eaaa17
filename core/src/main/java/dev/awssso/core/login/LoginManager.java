package dev.awssso.core.login;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;

/**
 * Signs in to IAM Identity Center from the application, and out again, with the files the AWS CLI writes: the
 * token in the session's cache file and the client registration beside it, reused until 15 minutes before it
 * ends. One sign-in runs at a time: asking again while one is pending returns the pending one. A sign-in only
 * ever starts on request, never from a background refresh.
 */
public final class LoginManager {

    private static final Logger logger = LoggerFactory.getLogger(LoginManager.class);

    private final SsoSettings settings;

    private final Supplier<SsoOidcClient> oidc;

    private final Supplier<SsoClient> portal;

    private final @Nullable URI oidcEndpoint;

    private final RegistrationCache registrations;

    private final TokenManager tokens;

    private final Clock clock;

    private final Duration timeout;

    /** Held by {@link #start} and {@link #signOut}, which call IAM Identity Center: one of them at a time. */
    private final Object oneAtATime = new Object();

    /** Guards {@link #closed} and the publication of {@link #current}; never held during a call. */
    private final Object lifecycle = new Object();

    private volatile @Nullable LoginAttempt current;

    private boolean closed;

    /**
     * @param oidcEndpoint the OIDC endpoint whose {@code /authorize} page the user opens, or {@code null} for
     *     the standard endpoint of the SSO region
     * @param cacheDirectory the token cache directory, which also holds the client registrations
     * @param timeout how long a sign-in waits for the user at most
     */
    public LoginManager(SsoSettings settings, Supplier<SsoOidcClient> oidc, Supplier<SsoClient> portal,
            @Nullable URI oidcEndpoint, Path cacheDirectory, TokenManager tokens, Clock clock, Duration timeout) {
        this.settings = settings;
        this.oidc = oidc;
        this.portal = portal;
        this.oidcEndpoint = oidcEndpoint;
        this.registrations = new RegistrationCache(cacheDirectory, settings);
        this.tokens = tokens;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Starts a sign-in, or returns the one already waiting for the user (whatever its flow: cancel it first to
     * switch flows).
     * @param flow how the user signs in
     * @param newSession whether to sign out first, so that a new Identity Center session (with a full session
     *     duration) starts instead of the current one being reused
     * @throws LoginFailedException when the sign-in cannot start (the client cannot be registered, the device
     *     authorization is refused, the engine is closed)
     */
    public LoginAttempt start(LoginFlow flow, boolean newSession) {
        synchronized (this.oneAtATime) {
            LoginAttempt pending = pending().orElse(null);
            if (pending != null) {
                return pending;
            }
            requireOpen();
            if (newSession) {
                signOut();
            }
            ClientRegistration registration = registrationFor(flow);
            PendingSignIn signIn;
            try {
                signIn = (flow == LoginFlow.PKCE)
                        ? PkceSignIn.begin(this.oidc.get(), oidcEndpoint(), registration, this.clock, this.timeout)
                        : DeviceCodeSignIn.begin(this.oidc.get(), this.settings.startUrl(), registration, this.clock,
                                this.timeout);
            }
            catch (SdkException ex) {
                throw new LoginFailedException("The sign-in could not start: "
                        + FailureClassifier.classify("StartDeviceAuthorization", ex, this.clock.instant()).message());
            }
            LoginAttempt attempt = new LoginAttempt(signIn);
            synchronized (this.lifecycle) {
                if (this.closed) {
                    signIn.close();
                    throw closedError();
                }
                this.current = attempt;
            }
            Thread waiter = new Thread(() -> complete(attempt, registration), "aws-sso-login");
            waiter.setDaemon(true);
            waiter.start();
            logger.info("Sign-in to IAM Identity Center started for {} ({}); it waits for the user until {}",
                    this.settings.describe(), flow, attempt.prompt().expiresAt());
            return attempt;
        }
    }

    /** The sign-in waiting for the user, if any. Never waits for a sign-in or a sign-out under way. */
    public Optional<LoginAttempt> pending() {
        return last().filter((attempt) -> attempt.state() == LoginAttempt.State.PENDING);
    }

    /** The last sign-in started from the application, whatever its state. */
    public Optional<LoginAttempt> last() {
        return Optional.ofNullable(this.current);
    }

    /**
     * Signs out: stops a sign-in that is waiting (no token of it is stored afterwards), ends the Identity Center
     * session with the portal's {@code Logout} (a failure is logged, not thrown), deletes this session's token
     * file only, and so stops serving its credentials.
     * @return whether there was a sign-in to end
     */
    public boolean signOut() {
        synchronized (this.oneAtATime) {
            pending().ifPresent(LoginAttempt::cancel);
            Optional<SsoToken> token = this.tokens.currentToken();
            token.ifPresent(this::logOutOfPortal);
            return this.tokens.signOut();
        }
    }

    /**
     * Cancels the pending sign-in and refuses new ones, without waiting for a call to IAM Identity Center under
     * way: closing the HTTP client the SDK clients share ends those.
     */
    public void close() {
        LoginAttempt attempt;
        synchronized (this.lifecycle) {
            this.closed = true;
            attempt = this.current;
        }
        if (attempt != null) {
            attempt.cancel();
        }
    }

    private void requireOpen() {
        synchronized (this.lifecycle) {
            if (this.closed) {
                throw closedError();
            }
        }
    }

    private static LoginFailedException closedError() {
        return new LoginFailedException("The IAM Identity Center engine is closed; start the sign-in on a running"
                + " application.");
    }

    private void complete(LoginAttempt attempt, ClientRegistration registration) {
        try (PendingSignIn signIn = attempt.signIn()) {
            CreateTokenResponse response = signIn.await();
            Instant answeredAt = this.clock.instant();
            SsoToken token = new SsoToken(response.accessToken(), answeredAt.plusSeconds(response.expiresIn()),
                    response.refreshToken(), registration.clientId(), registration.clientSecret(),
                    registration.expiresAt(), this.settings.ssoRegion(), this.settings.startUrl(), Map.of());
            if (attempt.succeedUnlessCancelled(() -> this.tokens.signIn(token))) {
                logger.info("Signed in to IAM Identity Center for {}", this.settings.describe());
            }
            else {
                endDroppedSession(token);
                attempt.failed("The sign-in was cancelled.");
            }
        }
        catch (SsoSessionException ex) {
            // the token arrived, but could not be stored (the engine is closing, or the cache stays locked)
            attempt.failed("The token could not be stored: " + ex.getMessage());
            if (ex.reason() != SsoSessionException.Reason.CLOSED) {
                logger.warn("Sign-in to IAM Identity Center for {} failed: {}", this.settings.describe(),
                        ex.getMessage());
            }
        }
        catch (LoginFailedException ex) {
            attempt.failed(ex.getMessage());
            if (attempt.state() == LoginAttempt.State.CANCELLED) {
                logger.info("Sign-in to IAM Identity Center for {} was cancelled", this.settings.describe());
            }
            else {
                logger.warn("Sign-in to IAM Identity Center for {} did not complete: {}", this.settings.describe(),
                        ex.getMessage());
            }
        }
        catch (RuntimeException ex) {
            String reason = "The token could not be obtained: "
                    + FailureClassifier.classify("CreateToken", ex, this.clock.instant()).message();
            attempt.failed(reason);
            logger.warn("Sign-in to IAM Identity Center for {} failed: {}", this.settings.describe(), reason);
        }
    }

    /** Ends the Identity Center session of a token that arrived after its sign-in was cancelled. */
    private void endDroppedSession(SsoToken token) {
        logger.info("Sign-in to IAM Identity Center for {} was cancelled as its token arrived; the token is dropped",
                this.settings.describe());
        try {
            this.portal.get().logout((request) -> request.accessToken(token.accessToken()));
        }
        catch (SdkException ex) {
            logger.debug("Logout of the dropped sign-in failed: {}", ex.getClass().getSimpleName());
        }
    }

    private ClientRegistration registrationFor(LoginFlow flow) {
        Instant now = this.clock.instant();
        Optional<ClientRegistration> cached = this.registrations.read().filter((found) -> found.usableFor(flow, now));
        if (cached.isPresent()) {
            return cached.get();
        }
        RegisterClientResponse response;
        try {
            response = this.oidc.get().registerClient((request) -> {
                request.clientName(clientName()).clientType("public").scopes(this.settings.registrationScopes());
                if (flow == LoginFlow.PKCE) {
                    request.grantTypes(ClientRegistration.AUTHORIZATION_CODE, ClientRegistration.REFRESH_TOKEN)
                        .redirectUris("http://127.0.0.1" + LoopbackCallback.PATH)
                        .issuerUrl(this.settings.startUrl());
                }
            });
        }
        catch (SdkException ex) {
            throw new LoginFailedException("The application could not register with IAM Identity Center: "
                    + FailureClassifier.classify("RegisterClient", ex, now).message());
        }
        ClientRegistration registration = new ClientRegistration(response.clientId(), response.clientSecret(),
                Instant.ofEpochSecond(response.clientSecretExpiresAt()), this.settings.registrationScopes(),
                (flow == LoginFlow.PKCE)
                        ? List.of(ClientRegistration.AUTHORIZATION_CODE, ClientRegistration.REFRESH_TOKEN) : null);
        try {
            this.registrations.write(registration);
        }
        catch (IOException ex) {
            logger.warn("The client registration could not be cached in {} ({}); the next sign-in registers again.",
                    this.registrations.path(), ex.getClass().getSimpleName());
        }
        return registration;
    }

    private void logOutOfPortal(SsoToken token) {
        try {
            this.portal.get().logout((request) -> request.accessToken(token.accessToken()));
        }
        catch (SdkException ex) {
            logger.warn("IAM Identity Center Logout failed ({}); the local sign-in is removed anyway.",
                    FailureClassifier.classify("Logout", ex, this.clock.instant()).message());
        }
    }

    private String clientName() {
        return "aws-sso-spring-boot-" + ((this.settings.sessionName() != null) ? this.settings.sessionName()
                : String.valueOf(this.clock.instant().getEpochSecond()));
    }

    /**
     * The OIDC endpoint whose {@code /authorize} page the user opens: the override, else the SSO region's own,
     * worked out at sign-in, so that start-up does not load the SDK's region metadata.
     */
    private URI oidcEndpoint() {
        return (this.oidcEndpoint != null) ? this.oidcEndpoint : standardOidcEndpoint(this.settings.ssoRegion());
    }

    private static URI standardOidcEndpoint(String ssoRegion) {
        RegionMetadata metadata = Region.of(ssoRegion).metadata();
        String domain = (metadata != null) ? metadata.domain() : "amazonaws.com";
        return URI.create("https://oidc." + ssoRegion + "." + domain);
    }
}
