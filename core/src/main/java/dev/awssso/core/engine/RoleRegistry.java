package dev.awssso.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.credentials.RoleAssumer;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles an application uses, by name: the default role of an engine ({@value NamedRole#DEFAULT_NAME}) and the
 * named roles of {@code aws.sso.roles}, each with its credentials provider and status.
 * <p>
 * Roles of the default role's sign-in share its engine, and so its one token manager; the roles of each other
 * sign-in (sso-session) share an engine created for them, signed in and visible on its own. Every role has its
 * own refresh schedule, driven by its engine's maintenance; fetches and {@code AssumeRole} calls run on a pool,
 * so one slow role never holds up another. Starting makes no network call.
 * <p>
 * The events of every role and every sign-in are one stream: they reach the registry's listeners one at a time, in
 * the order they happened, on the registry's event thread. The registry has the lifecycle of an {@link SsoEngine}:
 * {@link #create} builds one that serves credentials on demand, runs nothing and holds the events (the latest
 * {@value EventDispatcher#HELD_EVENTS_LIMIT}); {@link #start()} starts the maintenance of the engines it created and
 * delivers the events, the held ones first; {@link #stop()} pauses both; {@link #close()} stops every role and the
 * engines it created. The default role's engine is its owner's to start, stop and close.
 */
public final class RoleRegistry implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RoleRegistry.class);

    private static final AtomicInteger REGISTRY_NUMBER = new AtomicInteger();

    private final Map<String, ServedRole> roles;

    private final List<SsoEngine> sessions;

    private final List<SessionRoles> attachments;

    private final RoleEvents events;

    private final ExecutorService fetcher;

    private final EventDispatcher<SessionEvent> dispatcher;

    private final Set<Thread> threads;

    private boolean running;

    private boolean closed;

    private RoleRegistry(Map<String, ServedRole> roles, List<SsoEngine> sessions, List<SessionRoles> attachments,
            RoleEvents events, ExecutorService fetcher, EventDispatcher<SessionEvent> dispatcher, Set<Thread> threads) {
        this.roles = roles;
        this.sessions = sessions;
        this.attachments = attachments;
        this.events = events;
        this.fetcher = fetcher;
        this.dispatcher = dispatcher;
        this.threads = threads;
    }

    /**
     * Serves the default role of {@code primary} and the named {@code roles}, and starts: the same as
     * {@link #create} followed by {@link #start()}.
     * @throws SsoConfigurationException when roles assume roles but the SDK's {@code sts} module is missing
     * @throws IllegalArgumentException when two roles have the same name, or one is named
     *     {@value NamedRole#DEFAULT_NAME}
     */
    public static RoleRegistry start(SsoEngine primary, List<NamedRole> roles) {
        RoleRegistry registry = create(primary, roles);
        registry.start();
        return registry;
    }

    /**
     * Serves the default role of {@code primary} and the named {@code roles}: those of its sign-in over its token
     * manager, those of other sign-ins over an engine created for each with the options and clock of
     * {@code primary}. Runs nothing and holds the events until {@link #start()}; the events {@code primary} holds
     * now are among them.
     * @param primary the engine of the default role
     * @param roles the named roles, as {@link dev.awssso.core.config.NamedRoleResolver} resolves them
     * @throws SsoConfigurationException when roles assume roles but the SDK's {@code sts} module is missing
     * @throws IllegalArgumentException when two roles have the same name, or one is named
     *     {@value NamedRole#DEFAULT_NAME}
     */
    public static RoleRegistry create(SsoEngine primary, List<NamedRole> roles) {
        requireUsable(roles);
        int number = REGISTRY_NUMBER.incrementAndGet();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ExecutorService fetcher = Executors
            .newCachedThreadPool(DaemonThreads.factory("aws-sso-roles-" + number + "-fetch", threads));
        EventDispatcher<SessionEvent> dispatcher = new EventDispatcher<>(
                DaemonThreads.factory("aws-sso-roles-" + number + "-events", threads));
        RoleEvents events = new RoleEvents(dispatcher);
        Map<String, SessionRoles> bySignIn = new LinkedHashMap<>();
        bySignIn.put(primary.settings().cacheKey(), new SessionRoles(primary, fetcher, events, false));
        Map<String, ServedRole> served = new LinkedHashMap<>();
        served.put(NamedRole.DEFAULT_NAME, new ServedRole(NamedRole.defaultRole(primary.settings()),
                primary.credentialsProvider(), primary));
        EngineParts parts = primary.parts();
        try {
            for (NamedRole role : roles) {
                SessionRoles signIn = bySignIn.computeIfAbsent(role.sso().cacheKey(),
                        (key) -> new SessionRoles(createSignIn(role, parts), fetcher, events, true));
                served.put(role.name(), new ServedRole(role, signIn.serve(role), signIn.engine()));
            }
        }
        catch (RuntimeException ex) {
            bySignIn.values().forEach(SessionRoles::close);
            bySignIn.values().stream().skip(1).forEach((signIn) -> signIn.engine().close());
            fetcher.shutdownNow();
            dispatcher.close();
            throw ex;
        }
        List<SsoEngine> sessions = new ArrayList<>();
        for (SessionRoles signIn : bySignIn.values()) {
            signIn.engine().attach(signIn);
            sessions.add(signIn.engine());
        }
        if (!roles.isEmpty()) {
            logger.info("Serving {} roles over {} IAM Identity Center sign-in(s): {}", served.size(), sessions.size(),
                    String.join(", ", served.keySet()));
        }
        return new RoleRegistry(Collections.unmodifiableMap(served), List.copyOf(sessions),
                List.copyOf(bySignIn.values()), events, fetcher, dispatcher, threads);
    }

    /** The names of the roles: the default role first, then the named ones in the order they were given. */
    public List<String> names() {
        return this.roles.values().stream().map(ServedRole::name).toList();
    }

    /** The roles: the default role first, then the named ones in the order they were given. */
    public List<ServedRole> roles() {
        return List.copyOf(this.roles.values());
    }

    /** The role of that name, if there is one. */
    public Optional<ServedRole> role(String name) {
        return Optional.ofNullable(this.roles.get(name));
    }

    /**
     * The credentials provider of the role of that name.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public RefreshingCredentialsProvider credentialsProvider(String name) {
        return role(name).orElseThrow(() -> new IllegalArgumentException("There is no role named '" + name
                + "'; the roles are " + String.join(", ", names()) + " (aws.sso.roles)")).credentialsProvider();
    }

    /** A snapshot of every role now, in the order of {@link #roles()}. */
    public List<RoleStatus> statuses() {
        return this.roles.values().stream().map(ServedRole::status).toList();
    }

    /** The engines of the sign-ins the roles use: the default role's first, then those created for other roles. */
    public List<SsoEngine> sessions() {
        return this.sessions;
    }

    /**
     * Adds a listener for the events of every role and sign-in: those of the default role's engine, of the named
     * roles, and of the engines created for other sign-ins, with their credentials events named after their roles.
     * They are delivered one at a time, in the order they happened, on the registry's event thread.
     */
    public void addListener(SessionListener listener) {
        this.events.addListener(listener);
    }

    /**
     * Starts the maintenance of the engines created for other sign-ins and the delivery of events, the held ones
     * first. Does nothing when running already.
     * @throws IllegalStateException when the registry has been closed
     */
    public synchronized void start() {
        if (this.closed) {
            throw new IllegalStateException(this + " has been closed");
        }
        if (this.running) {
            return;
        }
        otherSignIns().forEach(SsoEngine::start);
        this.dispatcher.start();
        this.running = true;
    }

    /**
     * Pauses the maintenance of the engines created for other sign-ins and holds the events until
     * {@link #start()}; credentials are still served when asked for.
     */
    public synchronized void stop() {
        this.running = false;
        this.dispatcher.stop();
        otherSignIns().forEach(SsoEngine::stop);
    }

    /** Whether the registry runs: its engines' maintenance and the delivery of its events. */
    public synchronized boolean isRunning() {
        return this.running;
    }

    /**
     * Releases the callers waiting for the credentials of every named role, those of other sign-ins included, and
     * refuses new waits, because the application is stopping; credentials held are served until {@link #close()}.
     */
    public void stopWaiting() {
        this.attachments.forEach(SessionRoles::stopWaiting);
        otherSignIns().forEach(SsoEngine::stopWaiting);
    }

    /**
     * Stops every named role (each throws from then on, waiting callers are released), the delivery of events and
     * the engines created for other sign-ins; returns within a second. The default role and its engine are left
     * running.
     */
    @Override
    public void close() {
        synchronized (this) {
            this.closed = true;
            this.running = false;
        }
        this.dispatcher.close();
        this.attachments.forEach(SessionRoles::close);
        otherSignIns().forEach(SsoEngine::close);
        this.fetcher.shutdownNow();
        DaemonThreads.awaitEnd(this.threads);
    }

    @Override
    public String toString() {
        return "RoleRegistry" + names();
    }

    private Stream<SsoEngine> otherSignIns() {
        return this.sessions.stream().skip(1);
    }

    /** An engine of its own for the sign-in of {@code role}, another sign-in than the default role's. */
    private static SsoEngine createSignIn(NamedRole role, EngineParts parts) {
        return SsoEngine.create(role.sso(), parts.options(), parts.clock(), role.roleSettings());
    }

    private static void requireUsable(List<NamedRole> roles) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        names.add(NamedRole.DEFAULT_NAME);
        for (NamedRole role : roles) {
            if (!names.add(role.name())) {
                throw new IllegalArgumentException("Two roles are named '" + role.name() + "' (or a role is named '"
                        + NamedRole.DEFAULT_NAME + "', the default role's name)");
            }
        }
        List<String> assumed = roles.stream().filter(NamedRole::assumed).map(NamedRole::name).toList();
        if (!assumed.isEmpty() && !RoleAssumer.available()) {
            throw new SsoConfigurationException(List.of(new ConfigurationProblem("Roles " + String.join(", ", assumed)
                    + " assume roles with STS, but the AWS SDK's sts module is not on the class path",
                    "add the dependency software.amazon.awssdk:sts (its version from the AWS SDK BOM).")));
        }
    }
}
