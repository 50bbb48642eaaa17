package dev.awssso.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoClients;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.account.AccountDirectory;
import dev.awssso.core.config.ConfigChangeWatch;
import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.credentials.RoleCredentialsFetcher;
import dev.awssso.core.internal.LazyClient;
import dev.awssso.core.internal.ShellWords;
import dev.awssso.core.login.LoginManager;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.status.SessionEndWarnings;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.RefreshKind;
import dev.awssso.core.status.SessionListener;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.core.status.SessionStatusAssembler;
import dev.awssso.core.token.CacheDirectorySafety;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.core.token.TokenListener;
import dev.awssso.core.token.TokenManager;
import dev.awssso.core.token.TokenRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The running engine for one IAM Identity Center sign-in and role: a {@link TokenManager} that follows and
 * refreshes the CLI-compatible token cache, an {@link IdentityCenterCredentialsProvider} that serves the role
 * credentials, the background maintenance that keeps both fresh, and the {@link SessionStatus} and
 * {@link SessionEvent}s that make the session visible.
 * <p>
 * Maintenance runs every {@link EngineOptions#checkInterval()} on two daemon threads: one re-reads the cache
 * file when it changes and refreshes whatever is due (it may wait on the network), the other withdraws
 * credentials that went stale (it never waits). Events are delivered on a third thread, so a slow listener
 * never delays a refresh. The account listing's calls run on up to {@value #ACCOUNT_LISTING_CALLS} threads of
 * their own, which end when idle. Starting the engine makes no network call: credentials are fetched when first asked
 * for, and kept fresh from then on. A background thread never starts a sign-in.
 * <p>
 * {@link #create(SsoSettings, EngineOptions)} builds an engine that serves credentials on demand but runs
 * nothing in the background; {@link #start()} starts the maintenance and the delivery of events, and
 * {@link #stop()} pauses both, so that a container can start the engine once its listeners are attached and
 * stop it before it closes. Events that happen while the engine is not running are held (the latest
 * {@value EventDispatcher#HELD_EVENTS_LIMIT}) and delivered when it starts.
 * {@link #start(SsoSettings, EngineOptions)} does both steps at once.
 * <p>
 * Further roles of the same sign-in attach to the engine (see {@link RoleRegistry}): they share its token manager,
 * its maintenance drives them, and they hear of its events, those it holds included, for the registry's own event
 * stream.
 */
public final class SsoEngine implements SdkAutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SsoEngine.class);

    private static final AtomicInteger ENGINE_NUMBER = new AtomicInteger();

    private static final Duration ACCOUNT_LISTING_TIME_TO_LIVE = Duration.ofMinutes(5);

    /** How many {@code ListAccountRoles} calls the account listing makes at once at most. */
    static final int ACCOUNT_LISTING_CALLS = 8;

    /** How long an idle thread of the account listing is kept. */
    private static final Duration ACCOUNT_LISTING_THREAD_KEEP_ALIVE = Duration.ofSeconds(30);

    private final SsoSettings settings;

    private final LazyClient<SsoOidcClient> oidc;

    private final LazyClient<SsoClient> portal;

    private final AbortableHttpClient http;

    private final Clock clock;

    private final TokenManager tokens;

    private final IdentityCenterCredentialsProvider credentials;

    private final SessionStatusAssembler statusAssembler;

    private final SessionEndWarnings endWarnings;

    private final AccountDirectory accounts;

    private final LoginManager login;

    private final ConfigChangeWatch configWatch;

    private final EngineOptions options;

    /** Work that lives with the engine, such as further roles of its sign-in. */
    private final List<EngineAttachment> attachments = new CopyOnWriteArrayList<>();

    /** The threads of this engine, so that close() returns only once they have ended. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService scheduler;

    /** Delivers the engine's events to its listeners, and holds them while the engine is not running. */
    private final EventDispatcher<SessionEvent> events;

    /** Runs credentials fetches, so that a caller can stop waiting while a fetch goes on. */
    private final ExecutorService fetcher;

    /** Runs the account listing's calls, at most {@value #ACCOUNT_LISTING_CALLS} at once. */
    private final ThreadPoolExecutor accountListing;

    private final Maintenance maintenance;

    private volatile SessionState lastState = SessionState.SIGNED_OUT;

    /** Guards starting, stopping and closing, and the order of the events. */
    private final Object lifecycleLock = new Object();

    /** False while the engine reads the cache for the first time: the state it finds is no event. */
    private boolean acceptingEvents;

    private boolean initialStateReported;

    private volatile boolean running;

    private volatile boolean closed;

    private SsoEngine(SsoSettings settings, EngineOptions options, AbortableHttpClient http, Clock clock,
            String roleSettings) {
        this.settings = settings;
        this.options = options;
        // built on first use: start-up makes no call, and building an SDK client takes a noticeable time
        this.oidc = new LazyClient<>("SSO OIDC",
                () -> SsoClients.oidc(settings.ssoRegion(), options.endpoints().oidc(), options.timeouts(), http));
        this.portal = new LazyClient<>("SSO portal",
                () -> SsoClients.portal(settings.ssoRegion(), options.endpoints().portal(), options.timeouts(), http));
        this.http = http;
        this.clock = clock;
        int engine = ENGINE_NUMBER.incrementAndGet();
        this.scheduler = Executors.newScheduledThreadPool(2,
                DaemonThreads.factory("aws-sso-" + engine + "-refresh", this.threads));
        this.maintenance = new Maintenance(this.scheduler, options.checkInterval(), logger,
                "IAM Identity Center session of " + settings.describe());
        this.events = new EventDispatcher<>(DaemonThreads.factory("aws-sso-" + engine + "-events", this.threads));
        this.fetcher = Executors
            .newSingleThreadExecutor(DaemonThreads.factory("aws-sso-" + engine + "-fetch", this.threads));
        this.accountListing = new ThreadPoolExecutor(ACCOUNT_LISTING_CALLS, ACCOUNT_LISTING_CALLS,
                ACCOUNT_LISTING_THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.factory("aws-sso-" + engine + "-accounts", this.threads));
        this.accountListing.allowCoreThreadTimeOut(true);
        EventRelay relay = new EventRelay();
        // another process holds the lock for one refresh, one call to AWS at most
        TokenCacheFile cacheFile = TokenCacheFile.of(options.cacheDirectory(), settings.cacheKey(),
                options.timeouts().call().multipliedBy(2));
        this.tokens = new TokenManager(settings, cacheFile, new TokenRefresher(this.oidc::get, clock), clock,
                options.tokenRefreshWindow(), options.backoff(), relay);
        this.credentials = new IdentityCenterCredentialsProvider(settings, this.tokens,
                new RoleCredentialsFetcher(this.portal::get, settings), clock,
                new RefreshingCredentialsProvider.Timing(options.credentialsRefreshWindow(),
                        options.credentialsStaleMargin(), options.backoff(), options.callerWait()),
                this.fetcher, this.scheduler, relay, roleSettings);
        this.login = new LoginManager(settings, this.oidc::get, this.portal::get, options.endpoints().oidc(),
                options.cacheDirectory(), this.tokens, clock, options.loginTimeout());
        this.configWatch = ConfigChangeWatch.of(settings);
        this.statusAssembler = new SessionStatusAssembler(settings, this.tokens, this.credentials,
                options.sessionDuration(), options.expiringWithin(), clock, this.login::last,
                this.configWatch::warning);
        this.endWarnings = new SessionEndWarnings(options.expiryWarnings());
        this.accounts = new AccountDirectory(this.portal::get, this.tokens, clock, ACCOUNT_LISTING_TIME_TO_LIVE,
                this.accountListing, options.callerWait());
    }

    /**
     * Starts an engine with SDK clients built from {@code options}: reads the token cache, reports what it
     * found, and starts the background maintenance. The same as {@link #create(SsoSettings, EngineOptions)}
     * followed by {@link #start()}.
     */
    public static SsoEngine start(SsoSettings settings, EngineOptions options) {
        return start(settings, options, Clock.systemUTC());
    }

    /**
     * Starts an engine as {@link #start(SsoSettings, EngineOptions)} does, reading the wall clock from
     * {@code clock}: expiries, refresh times and the session end follow it, while the background schedule
     * runs on the monotonic clock, as it does on a laptop that sleeps.
     */
    public static SsoEngine start(SsoSettings settings, EngineOptions options, Clock clock) {
        SsoEngine engine = create(settings, options, clock);
        engine.start();
        return engine;
    }

    /**
     * Creates an engine with SDK clients built from {@code options} and reads the token cache, but starts no
     * thread: credentials are served when asked for, and {@link #start()} starts the background maintenance.
     * @throws SsoConfigurationException when the token cache directory or an endpoint cannot be used
     */
    public static SsoEngine create(SsoSettings settings, EngineOptions options) {
        return create(settings, options, Clock.systemUTC());
    }

    /**
     * Creates an engine as {@link #create(SsoSettings, EngineOptions)} does, reading the wall clock from
     * {@code clock} (see {@link #start(SsoSettings, EngineOptions, Clock)}).
     */
    public static SsoEngine create(SsoSettings settings, EngineOptions options, Clock clock) {
        return create(settings, options, clock, NamedRole.DEFAULT_ROLE_SETTINGS);
    }

    /**
     * Creates an engine as {@link #create(SsoSettings, EngineOptions, Clock)} does, for a sign-in started for a
     * named role, whose account and role are set where {@code roleSettings} says.
     * @param roleSettings where the account and role are set, in words (see {@link NamedRole#roleSettings()}); the
     *     message of a denied role asks to check them
     */
    public static SsoEngine create(SsoSettings settings, EngineOptions options, Clock clock, String roleSettings) {
        requireUsableCacheDirectory(options.cacheDirectory());
        if (!options.endpoints().cleartextProblems().isEmpty()) {
            throw new SsoConfigurationException(options.endpoints().cleartextProblems());
        }
        // one HTTP client that close() can abort: a call that hangs would otherwise keep its thread alive until
        // the read or call timeout, long after the engine closed
        AbortableHttpClient http = new AbortableHttpClient(() -> SsoClients.httpClient(options.timeouts()));
        SsoEngine engine = new SsoEngine(settings, options, http, clock, roleSettings);
        engine.tokens.reloadIfChanged();
        synchronized (engine.lifecycleLock) {
            engine.acceptingEvents = true;
        }
        return engine;
    }

    /**
     * Starts the background maintenance and the delivery of events, the held ones first. Does nothing when
     * running already.
     * @throws IllegalStateException when the engine has been closed
     */
    public void start() {
        synchronized (this.lifecycleLock) {
            if (this.closed) {
                throw new IllegalStateException("The IAM Identity Center engine of " + this.settings.describe()
                        + " has been closed");
            }
            if (this.running) {
                return;
            }
            this.tokens.reloadIfChanged();
            SecretLoggers.warnOnceIfVerbose();
            if (!this.initialStateReported) {
                reportInitialState();
                this.initialStateReported = true;
            }
            this.maintenance.schedule(this::maintain, this::expireIfStale);
            this.running = true;
            this.events.start();
        }
    }

    /**
     * Pauses the background maintenance and holds events until {@link #start()}; credentials are still served
     * when asked for. A refresh under way completes.
     */
    public void stop() {
        synchronized (this.lifecycleLock) {
            this.running = false;
            this.events.stop();
            this.maintenance.cancel();
        }
    }

    /** Whether the background maintenance runs. */
    public boolean isRunning() {
        return this.running;
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

    /** Sign-in and sign-out from the application. */
    public LoginManager login() {
        return this.login;
    }

    /** The accounts and roles the signed-in user may use. */
    public AccountDirectory accounts() {
        return this.accounts;
    }

    /** A snapshot of the session now. */
    public SessionStatus status() {
        return this.statusAssembler.snapshot();
    }

    /**
     * Attaches work that lives with this engine: its {@link EngineAttachment#refreshIfDue()} and
     * {@link EngineAttachment#expireIfStale()} run with every background check, it hears of sign-ins and token
     * refreshes, and it is closed first when the engine closes. It hears of every event of the engine, those held
     * now first (see {@link EngineAttachment#eventPublished}).
     */
    void attach(EngineAttachment attachment) {
        synchronized (this.lifecycleLock) {
            this.attachments.add(attachment);
            this.events.held().forEach((held) -> attachment.eventPublished(held::get));
        }
    }

    /** The options the engine was built with. */
    public EngineOptions options() {
        return this.options;
    }

    /** What work attached to this engine builds on: its sign-in, clients and timings. */
    EngineParts parts() {
        return new EngineParts(this.settings, this.tokens, this.portal::get, this.http, this.clock, this.options);
    }

    /** Adds a listener for the {@link SessionEvent}s of this engine, delivered on its event thread. */
    public void addListener(SessionListener listener) {
        this.events.addListener(listener::onEvent);
    }

    /**
     * Refreshes the access token (when refreshable) and fetches new role credentials now. The token refresh waits
     * {@link EngineOptions#callerWait()} at most for the locks another refresh holds (its call is bounded by the
     * call timeout); the credentials fetch waits the caller wait at most.
     * @return the status afterwards
     * @throws SsoSessionException when either cannot be done, or (with {@link SsoSessionException.Reason#UNAVAILABLE})
     *     another refresh holds the token cache lock for longer than the caller wait
     */
    public SessionStatus refreshNow() {
        boolean refreshable = this.tokens.currentToken()
            .flatMap((token) -> token.whyNotRefreshable(this.clock.instant()))
            .isEmpty();
        if (refreshable) {
            this.tokens.refreshNow(this.options.callerWait());
        }
        this.credentials.refreshNow();
        return status();
    }

    /**
     * Releases every caller waiting for credentials of this engine's roles with an {@link SsoSessionException}
     * saying that the application is stopping, and refuses new waits; the credentials held are served until
     * {@link #close()}. Called as soon as the application starts to stop, so that a request waiting for credentials
     * does not hold up a graceful shutdown.
     */
    public void stopWaiting() {
        this.credentials.stopWaiting();
        this.attachments.forEach(EngineAttachment::stopWaiting);
    }

    /**
     * Stops the background maintenance, the credentials provider (which throws from then on) and the SDK
     * clients. Calls to AWS under way are aborted and callers waiting for credentials released, so this
     * returns within a second and the engine's threads end.
     */
    @Override
    public void close() {
        synchronized (this.lifecycleLock) {
            this.closed = true;
            this.running = false;
            this.maintenance.cancel();
        }
        this.attachments.forEach(EngineAttachment::close);
        this.credentials.close();
        this.tokens.close();
        this.login.close();
        this.scheduler.shutdownNow();
        this.fetcher.shutdownNow();
        this.accountListing.shutdownNow();
        this.events.close();
        this.http.close();
        if (!DaemonThreads.awaitEnd(this.threads)) {
            logger.debug("A refresh call or a listener was still running when the engine closed");
        }
        this.oidc.close();
        this.portal.close();
    }

    private void maintain() {
        this.tokens.reloadIfChanged();
        this.tokens.persistIfPending();
        this.tokens.refreshIfDue();
        this.credentials.refreshIfDue();
        this.attachments
            .forEach((attachment) -> this.maintenance.survive("refresh of an attachment", attachment::refreshIfDue));
        watchSessionEnd();
        this.configWatch.checkIfChanged();
    }

    private void expireIfStale() {
        this.credentials.expireIfStale();
        this.attachments.forEach(
                (attachment) -> this.maintenance.survive("expiry check of an attachment", attachment::expireIfStale));
    }

    /** Warns at the configured thresholds before the session ends, and once when it has ended. */
    private void watchSessionEnd() {
        SessionStatus status = status();
        SessionState previous = this.lastState;
        this.lastState = status.state();
        if (status.state() == SessionState.EXPIRED && previous != SessionState.EXPIRED) {
            publish((ignored) -> new SessionEvent.SessionExpired(status));
            return;
        }
        Instant endsAt = status.session().endsAt();
        this.endWarnings.crossed(endsAt, status.at()).ifPresent((threshold) -> {
            Duration left = Duration.between(status.at(), endsAt);
            logger.warn("The IAM Identity Center session of {} ends in {} min (at {}). Sign in again with `{}` to"
                    + " keep the application working.", this.settings.describe(), left.toMinutes(), endsAt,
                    this.settings.signInCommand());
            publish((ignored) -> new SessionEvent.SessionExpiring(threshold, endsAt, left, status));
        });
    }

    private void reportInitialState() {
        this.settings.legacyAdvice().ifPresent(logger::warn);
        if (this.tokens.currentToken().isEmpty()) {
            logger.info("Not signed in to IAM Identity Center yet ({}): sign in with `{}`", this.settings.describe(),
                    this.settings.signInCommand());
        }
    }

    /**
     * Delivers the event that {@code event} makes of the status at delivery time, on the event thread, and hands it
     * to the attachments; holds it while the engine is not running.
     */
    private void publish(Function<SessionStatus, SessionEvent> event) {
        Supplier<SessionEvent> made = () -> event.apply(status());
        synchronized (this.lifecycleLock) {
            if (!this.acceptingEvents || this.closed) {
                return;
            }
            this.attachments.forEach((attachment) -> attachment.eventPublished(made));
            this.events.publish(made);
        }
    }

    /**
     * Fails start-up when the token cache directory exists but cannot be read; a missing one is created on the
     * first write. A read-only one (a container given the host's sign-in with {@code :ro}) is accepted: refreshed
     * tokens then stay in memory.
     */
    private static void requireUsableCacheDirectory(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new SsoConfigurationException(List.of(new ConfigurationProblem("The token cache directory "
                    + directory + " is a file, not a directory",
                    "remove or rename " + directory + ", or set aws.sso.cache-dir to a directory.")));
        }
        if (Files.isDirectory(directory)
                && !(Files.isReadable(directory) && Files.isExecutable(directory))) {
            throw new SsoConfigurationException(List.of(new ConfigurationProblem("The token cache directory "
                    + directory + " cannot be read by user " + System.getProperty("user.name"),
                    "give that user read and write access to it (chmod 700 " + ShellWords.quote(directory.toString())
                            + "), or set aws.sso.cache-dir to a directory it owns.")));
        }
        CacheDirectorySafety.problem(directory, System.getProperty("user.name")).ifPresent((problem) -> {
            throw new SsoConfigurationException(List.of(problem));
        });
    }

    /** Passes the changes seen by the token manager and the credentials provider on, as events. */
    private final class EventRelay implements TokenListener, CredentialsListener {

        @Override
        public void signedIn(SsoToken token) {
            SsoEngine.this.credentials.signedIn(token);
            SsoEngine.this.attachments.forEach((attachment) -> attachment.signedIn(token));
            publish(SessionEvent.SignedIn::new);
        }

        @Override
        public void signedOut() {
            SsoEngine.this.credentials.signedOut();
            SsoEngine.this.attachments.forEach(EngineAttachment::signedOut);
            publish(SessionEvent.SignedOut::new);
        }

        @Override
        public void tokenRefreshed(SsoToken token, Duration duration) {
            SsoEngine.this.attachments.forEach((attachment) -> attachment.tokenRefreshed(token, duration));
            publish((status) -> new SessionEvent.TokenRefreshed(status, duration));
        }

        @Override
        public void tokenRefreshFailed(RefreshFailure failure) {
            SsoEngine.this.attachments.forEach((attachment) -> attachment.tokenRefreshFailed(failure));
            publish((status) -> new SessionEvent.RefreshFailed(RefreshKind.TOKEN, failure, status));
        }

        @Override
        public void sessionEnded(RefreshFailure failure) {
            SsoEngine.this.credentials.sessionEnded(failure);
            SsoEngine.this.attachments.forEach((attachment) -> attachment.sessionEnded(failure));
        }

        @Override
        public void credentialsRefreshed(AwsSessionCredentials credentials, Duration duration) {
            publish((status) -> new SessionEvent.CredentialsRefreshed(status, duration));
        }

        @Override
        public void credentialsRefreshFailed(RefreshFailure failure) {
            publish((status) -> new SessionEvent.RefreshFailed(RefreshKind.CREDENTIALS, failure, status));
        }

        @Override
        public void credentialsExpired() {
            publish(SessionEvent.CredentialsWithdrawn::new);
        }
    }
}
