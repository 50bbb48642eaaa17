package dev.awssso.core;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.credentials.RoleCredentialsFetcher;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.core.token.TokenListener;
import dev.awssso.core.token.TokenManager;
import dev.awssso.core.token.TokenRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The running engine for one IAM Identity Center sign-in and role: a {@link TokenManager} that follows and
 * refreshes the CLI-compatible token cache, an {@link IdentityCenterCredentialsProvider} that serves the role
 * credentials, and the background maintenance that keeps both fresh.
 * <p>
 * Maintenance runs every {@link EngineOptions#checkInterval()} on two daemon threads: one re-reads the cache
 * file when it changes and refreshes whatever is due (it may wait on the network), the other withdraws
 * credentials that went stale (it never waits). Starting the engine makes no network call: credentials are
 * fetched when first asked for, and kept fresh from then on. A background thread never starts a sign-in.
 */
public final class SsoEngine implements SdkAutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SsoEngine.class);

    private static final AtomicInteger ENGINE_NUMBER = new AtomicInteger();

    private final SsoSettings settings;

    private final SsoOidcClient oidc;

    private final SsoClient portal;

    private final Clock clock;

    private final TokenManager tokens;

    private final IdentityCenterCredentialsProvider credentials;

    private final ScheduledExecutorService scheduler;

    private SsoEngine(SsoSettings settings, EngineOptions options, SsoOidcClient oidc, SsoClient portal,
            Clock clock) {
        this.settings = settings;
        this.oidc = oidc;
        this.portal = portal;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        TokenCacheFile cacheFile = TokenCacheFile.of(options.cacheDirectory(), settings.cacheKey());
        this.tokens = new TokenManager(settings, cacheFile, new TokenRefresher(oidc, clock), clock,
                options.tokenRefreshWindow(), options.backoff(), new SignInRelay());
        this.credentials = new IdentityCenterCredentialsProvider(settings, this.tokens,
                new RoleCredentialsFetcher(portal, settings), clock,
                new IdentityCenterCredentialsProvider.Timing(options.credentialsRefreshWindow(),
                        options.credentialsStaleMargin(), options.backoff(), options.callerWait()),
                this.scheduler);
    }

    /**
     * Starts an engine with SDK clients built from {@code options}: reads the token cache, reports what it
     * found, and starts the background maintenance.
     */
    public static SsoEngine start(SsoSettings settings, EngineOptions options) {
        SsoOidcClient oidc = SsoClients.oidc(settings.ssoRegion(), options.endpoints().oidc(), options.timeouts());
        SsoClient portal = SsoClients.portal(settings.ssoRegion(), options.endpoints().portal(), options.timeouts());
        SsoEngine engine = new SsoEngine(settings, options, oidc, portal, Clock.systemUTC());
        engine.startMaintenance(options);
        return engine;
    }

    /** The settings this engine serves. */
    public SsoSettings settings() {
        return this.settings;
    }

    /** The token manager. */
    public TokenManager tokens() {
        return this.tokens;
    }

    /** The credentials provider, to be used by every AWS client of the application. */
    public IdentityCenterCredentialsProvider credentialsProvider() {
        return this.credentials;
    }

    /**
     * Refreshes the access token (when refreshable) and fetches new role credentials now.
     * @throws SsoSessionException when either cannot be done
     */
    public void refreshNow() {
        if (this.tokens.currentToken().flatMap((token) -> token.whyNotRefreshable(this.clock.instant())).isEmpty()) {
            this.tokens.refreshNow();
        }
        this.credentials.refreshNow();
    }

    /** Stops the background maintenance and closes the SDK clients. */
    @Override
    public void close() {
        this.scheduler.shutdownNow();
        try {
            if (!this.scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
                logger.debug("A refresh call was still running when the engine closed");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.oidc.close();
        this.portal.close();
    }

    private void startMaintenance(EngineOptions options) {
        this.tokens.reloadIfChanged();
        reportInitialState();
        long interval = options.checkInterval().toMillis();
        this.scheduler.scheduleWithFixedDelay(this::maintain, interval, interval, TimeUnit.MILLISECONDS);
        this.scheduler.scheduleWithFixedDelay(this.credentials::expireIfStale, interval, interval,
                TimeUnit.MILLISECONDS);
    }

    private void maintain() {
        try {
            this.tokens.reloadIfChanged();
            this.tokens.refreshIfDue();
            this.credentials.refreshIfDue();
        }
        catch (RuntimeException ex) {
            logger.warn("Background maintenance of the IAM Identity Center session failed: {}", ex.toString());
        }
    }

    private void reportInitialState() {
        if (this.settings.legacy()) {
            logger.warn("{} uses the legacy SSO form (sso_start_url in the profile): its token cannot be refreshed,"
                    + " so `{}` is needed again whenever it ends. Move sso_start_url and sso_region into an"
                    + " [sso-session NAME] section with sso_registration_scopes = sso:account:access, and set"
                    + " sso_session = NAME in the profile.", this.settings.source(), this.settings.signInCommand());
        }
        if (this.tokens.currentToken().isEmpty()) {
            logger.info("Not signed in to IAM Identity Center yet ({}): sign in with `{}`", this.settings.source(),
                    this.settings.signInCommand());
        }
    }

    private static ThreadFactory daemonThreads() {
        int engine = ENGINE_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return (runnable) -> {
            Thread result = new Thread(runnable, "aws-sso-" + engine + "-" + thread.incrementAndGet());
            result.setDaemon(true);
            return result;
        };
    }

    /** Passes sign-in changes of the token cache on to the credentials provider. */
    private final class SignInRelay implements TokenListener {

        @Override
        public void signedIn(SsoToken token) {
            SsoEngine.this.credentials.signedIn(token);
        }

        @Override
        public void signedOut() {
            SsoEngine.this.credentials.signedOut();
        }
    }
}
