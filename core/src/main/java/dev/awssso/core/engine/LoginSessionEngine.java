package dev.awssso.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoClients;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.LoginSessionRole;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.credentials.AssumedRoleCredentialsProvider;
import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.credentials.LoginSessionCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.credentials.RoleAssumer;
import dev.awssso.core.internal.LazyClient;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.signin.DpopProofInterceptor;
import dev.awssso.core.signin.LoginCacheFile;
import dev.awssso.core.signin.LoginSessionCache;
import dev.awssso.core.signin.LoginSessionRefresher;
import dev.awssso.core.status.LoginSessionEvent;
import dev.awssso.core.status.LoginSessionListener;
import dev.awssso.core.status.LoginSessionStatus;
import dev.awssso.core.status.LoginSessionStatusAssembler;
import dev.awssso.core.status.SessionEndWarnings;
import dev.awssso.core.status.SessionState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The running engine of one {@code aws login} session: a {@link LoginSessionCredentialsProvider} that serves and
 * refreshes its credentials through the login cache shared with the AWS CLI, the background maintenance that keeps
 * them fresh and follows the file, and the {@link LoginSessionStatus} that makes the session visible, with warnings
 * before it ends.
 * <p>
 * What happens to the session reaches the {@link LoginSessionListener}s as {@link LoginSessionEvent}s, one at a
 * time on a thread of the engine; events of the time before {@link #start()} are held (the latest
 * {@value EventDispatcher#HELD_EVENTS_LIMIT}) and delivered when it starts.
 * <p>
 * Named roles ({@link LoginSessionRole}) are served over the session: the session's own credentials, or roles
 * assumed with STS {@code AssumeRole} in turn on top of them, each refreshed by the same maintenance.
 * <p>
 * Maintenance runs every {@link EngineOptions#checkInterval()} on two daemon threads, as in {@link SsoEngine}: one
 * follows the cache file and refreshes what is due, the other withdraws credentials that went stale. Creating the
 * engine makes no network call and reads no file; credentials are fetched when first asked for.
 */
public final class LoginSessionEngine implements SdkAutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LoginSessionEngine.class);

    private static final AtomicInteger ENGINE_NUMBER = new AtomicInteger();

    private final LoginSessionSettings settings;

    private final AbortableHttpClient http;

    private final LazyClient<SigninClient> signin;

    private final LoginSessionCredentialsProvider credentials;

    /** The provider of each named role, in their order. */
    private final Map<LoginSessionRole, RefreshingCredentialsProvider> roles = new LinkedHashMap<>();

    /** The assumed roles' providers, each link of each chain. */
    private final List<AssumedRoleCredentialsProvider> assumedRoles = new ArrayList<>();

    private final @Nullable RoleAssumer assumer;

    private final LoginSessionStatusAssembler statusAssembler;

    private final SessionEndWarnings endWarnings;

    private final EventDispatcher<LoginSessionEvent> events;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService scheduler;

    private final ExecutorService fetcher;

    private final Maintenance maintenance;

    private final Object lifecycleLock = new Object();


    private volatile SessionState lastState = SessionState.SIGNED_OUT;

    private volatile boolean running;

    private volatile boolean closed;

    private LoginSessionEngine(LoginSessionSettings settings, List<LoginSessionRole> roles, EngineOptions options,
            Clock clock) {
        this.settings = settings;
        this.http = new AbortableHttpClient(() -> SsoClients.httpClient(options.timeouts()));
        this.signin = new LazyClient<>("AWS Sign-In", () -> SsoClients.signin(settings.region(),
                options.endpoints().signin(), options.timeouts(), this.http, new DpopProofInterceptor(clock)));
        int engine = ENGINE_NUMBER.incrementAndGet();
        this.events = new EventDispatcher<>(DaemonThreads.factory("aws-login-" + engine + "-events", this.threads));
        this.scheduler = Executors.newScheduledThreadPool(2,
                DaemonThreads.factory("aws-login-" + engine + "-refresh", this.threads));
        this.maintenance = new Maintenance(this.scheduler, options.checkInterval(), logger, settings.describe());
        // a pool: an assumed role's call waits on the session's own refresh, and a slow role holds up no other
        this.fetcher = Executors
            .newCachedThreadPool(DaemonThreads.factory("aws-login-" + engine + "-fetch", this.threads));
        // another process holds the lock for one refresh, one call to AWS at most
        LoginCacheFile file = LoginCacheFile.of(settings.cacheDirectory(), settings.loginSession(),
                options.timeouts().call().multipliedBy(2));
        RefreshingCredentialsProvider.Timing timing = new RefreshingCredentialsProvider.Timing(
                options.credentialsRefreshWindow(), options.credentialsStaleMargin(), options.backoff(),
                options.callerWait());
        this.credentials = new LoginSessionCredentialsProvider(settings, new LoginSessionCache(file, clock),
                new LoginSessionRefresher(this.signin::get, clock), clock, timing, this.fetcher, this.scheduler,
                eventsOf(LoginSessionEvent.DEFAULT_ROLE));
        boolean assumes = roles.stream().anyMatch((role) -> !role.assumeRoles().isEmpty());
        this.assumer = assumes ? new RoleAssumer(settings.region(), options.endpoints().sts(), options.timeouts(),
                this.http) : null;
        for (LoginSessionRole role : roles) {
            this.roles.put(role, serve(role, timing, clock));
        }
        this.statusAssembler = new LoginSessionStatusAssembler(settings, this.credentials, this.roles,
                options.expiringWithin(), clock);
        this.endWarnings = new SessionEndWarnings(options.expiryWarnings());
    }

    /**
     * Creates an engine for {@code settings} with SDK clients built from {@code options}, starting no thread.
     * @throws SsoConfigurationException when an endpoint override would send secrets in clear text
     */
    public static LoginSessionEngine create(LoginSessionSettings settings, EngineOptions options, Clock clock) {
        return create(settings, List.of(), options, clock);
    }

    /**
     * Creates an engine for {@code settings} that also serves the named {@code roles}, starting no thread.
     * @throws SsoConfigurationException when an endpoint override would send secrets in clear text, or roles
     *     assume roles but the SDK's {@code sts} module is missing
     */
    public static LoginSessionEngine create(LoginSessionSettings settings, List<LoginSessionRole> roles,
            EngineOptions options, Clock clock) {
        if (!options.endpoints().cleartextProblems().isEmpty()) {
            throw new SsoConfigurationException(options.endpoints().cleartextProblems());
        }
        List<String> assumed = roles.stream().filter((role) -> !role.assumeRoles().isEmpty())
            .map(LoginSessionRole::name).toList();
        if (!assumed.isEmpty() && !RoleAssumer.available()) {
            throw new SsoConfigurationException(List.of(new ConfigurationProblem("Roles " + String.join(", ", assumed)
                    + " assume roles with STS, but the AWS SDK's sts module is not on the class path",
                    "add the dependency software.amazon.awssdk:sts (its version from the AWS SDK BOM).")));
        }
        return new LoginSessionEngine(settings, roles, options, clock);
    }

    /** Creates and starts an engine on the system clock. */
    public static LoginSessionEngine start(LoginSessionSettings settings, EngineOptions options) {
        LoginSessionEngine engine = create(settings, options, Clock.systemUTC());
        engine.start();
        return engine;
    }

    /**
     * Starts the background maintenance; does nothing when running already.
     * @throws IllegalStateException when the engine has been closed
     */
    public void start() {
        synchronized (this.lifecycleLock) {
            if (this.closed) {
                throw new IllegalStateException("The engine of the " + this.settings.describe() + " has been closed");
            }
            if (this.running) {
                return;
            }
            this.credentials.reloadIfChanged();
            SecretLoggers.warnOnceIfVerbose();
            if (status().state() == SessionState.SIGNED_OUT) {
                logger.info("Not signed in with aws login yet ({}): sign in with `{}`", this.settings.describe(),
                        this.settings.signInCommand());
            }
            this.maintenance.schedule(this::maintain, this::expireIfStale);
            this.events.start();
            this.running = true;
        }
    }

    /** Pauses the background maintenance; credentials are still served when asked for. */
    public void stop() {
        synchronized (this.lifecycleLock) {
            this.running = false;
            this.maintenance.cancel();
            this.events.stop();
        }
    }

    /** Whether the background maintenance runs. */
    public boolean isRunning() {
        return this.running;
    }

    /** Adds a listener for the events delivered from now on. */
    public void addListener(LoginSessionListener listener) {
        this.events.addListener(listener::onEvent);
    }

    /** The profile this engine serves. */
    public LoginSessionSettings settings() {
        return this.settings;
    }

    /** The credentials provider, to be used by every AWS client of the application. */
    public LoginSessionCredentialsProvider credentialsProvider() {
        return this.credentials;
    }

    /** The named roles served over the session, in their order. */
    public List<LoginSessionRole> roles() {
        return List.copyOf(this.roles.keySet());
    }

    /**
     * The credentials provider of the named role {@code name}.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public AwsCredentialsProvider credentialsProvider(String name) {
        return this.roles.entrySet().stream().filter((role) -> role.getKey().name().equals(name)).findFirst()
            .map(Map.Entry::getValue).orElseThrow(() -> new IllegalArgumentException("There is no role named '"
                    + name + "' over the " + this.settings.describe() + "; the roles are "
                    + (this.roles.isEmpty() ? "none" : String.join(", ", this.roles.keySet().stream()
                        .map(LoginSessionRole::name).toList())) + " (aws.sso.roles)"));
    }

    /** A snapshot of the session now. */
    public LoginSessionStatus status() {
        return this.statusAssembler.snapshot();
    }

    /**
     * Refreshes the credentials now, whatever their expiry, waiting {@link EngineOptions#callerWait()} at most.
     * @return the status afterwards
     */
    public LoginSessionStatus refreshNow() {
        this.credentials.refreshNow();
        return status();
    }

    /** Releases every caller waiting for credentials: the application is stopping. */
    public void stopWaiting() {
        this.credentials.stopWaiting();
        this.assumedRoles.forEach(RefreshingCredentialsProvider::stopWaiting);
    }

    /** Stops the maintenance, the provider (which throws from then on) and the SDK client, aborting calls. */
    @Override
    public void close() {
        synchronized (this.lifecycleLock) {
            this.closed = true;
            this.running = false;
            this.maintenance.cancel();
        }
        this.events.close();
        this.assumedRoles.forEach(RefreshingCredentialsProvider::close);
        this.credentials.close();
        this.credentials.cache().file().close();
        this.scheduler.shutdownNow();
        this.fetcher.shutdownNow();
        this.http.close();
        DaemonThreads.awaitEnd(this.threads);
        this.signin.close();
        if (this.assumer != null) {
            this.assumer.close();
        }
    }

    private void maintain() {
        if (this.credentials.reloadIfChanged()) {
            logger.info("A new aws login for {} was found in {}: its credentials are served from now on.",
                    this.settings.describe(), this.credentials.cache().path());
            // roles assumed with the old identity's credentials are not the new identity's
            this.assumedRoles.forEach(RefreshingCredentialsProvider::newSignIn);
            publish(LoginSessionEvent.SignedIn::new);
        }
        this.credentials.cache().persistIfPending();
        this.credentials.refreshIfDue();
        for (AssumedRoleCredentialsProvider role : this.assumedRoles) {
            try {
                role.refreshIfDue();
            }
            catch (RuntimeException ex) {
                logger.debug("A refresh of {} could not start: {}", role, ex.toString());
            }
        }
        watchSessionEnd();
    }

    private void expireIfStale() {
        this.credentials.expireIfStale();
        this.assumedRoles.forEach(RefreshingCredentialsProvider::expireIfStale);
    }

    /** The provider of {@code role}: the session's own, or the last link of its chain of assumed roles. */
    private RefreshingCredentialsProvider serve(LoginSessionRole role, RefreshingCredentialsProvider.Timing timing,
            Clock clock) {
        RefreshingCredentialsProvider source = this.credentials;
        String sourceDescription = "the " + this.settings.describe();
        List<AssumeRoleSpec> steps = role.assumeRoles();
        for (int i = 0; i < steps.size(); i++) {
            AssumeRoleSpec step = steps.get(i);
            // the links before the last are not the role's own refreshes
            CredentialsListener listener = (i == steps.size() - 1) ? eventsOf(role.name())
                    : new CredentialsListener() {
                    };
            AssumedRoleCredentialsProvider link = new AssumedRoleCredentialsProvider(role.name(), step, source,
                    sourceDescription, Objects.requireNonNull(this.assumer, "assumer"), clock, timing, this.fetcher,
                    listener);
            this.assumedRoles.add(link);
            source = link;
            sourceDescription = step.roleArn();
        }
        return source;
    }

    /** Warns at the configured thresholds before the session ends, and once when it has ended. */
    private void watchSessionEnd() {
        LoginSessionStatus status = status();
        SessionState previous = this.lastState;
        this.lastState = status.state();
        if (status.state() == SessionState.EXPIRED && previous != SessionState.EXPIRED) {
            logger.warn("The {} has ended. Sign in again with `{}`.", this.settings.describe(),
                    this.settings.signInCommand());
            publish((ignored) -> new LoginSessionEvent.SessionExpired(status));
            return;
        }
        Instant endsAt = status.session().endsAt();
        this.endWarnings.crossed(endsAt, status.at()).ifPresent((threshold) -> {
            Duration left = Duration.between(status.at(), endsAt);
            logger.warn("The {} ends in {} min (at {}). Sign in again with `{}` to keep the application working.",
                    this.settings.describe(), left.toMinutes(), endsAt, this.settings.signInCommand());
            publish((ignored) -> new LoginSessionEvent.SessionExpiring(threshold, endsAt, left, status));
        });
    }

    /** Publishes what the credentials of {@code role} go through. */
    private CredentialsListener eventsOf(String role) {
        return new CredentialsListener() {

            @Override
            public void credentialsRefreshed(AwsSessionCredentials credentials, Duration duration) {
                publish((status) -> new LoginSessionEvent.CredentialsRefreshed(status, role, duration));
            }

            @Override
            public void credentialsRefreshFailed(RefreshFailure failure) {
                publish((status) -> new LoginSessionEvent.RefreshFailed(failure, status, role));
            }

            @Override
            public void credentialsExpired() {
                publish((status) -> new LoginSessionEvent.CredentialsWithdrawn(status, role));
            }
        };
    }

    /** Publishes the event {@code event} makes of the status at the time it is delivered. */
    private void publish(Function<LoginSessionStatus, LoginSessionEvent> event) {
        this.events.publish(() -> event.apply(status()));
    }


    @Override
    public String toString() {
        return "LoginSessionEngine[" + this.settings.describe() + "]";
    }
}
