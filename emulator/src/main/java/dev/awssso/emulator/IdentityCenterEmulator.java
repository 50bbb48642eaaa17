package dev.awssso.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local AWS IAM Identity Center on {@code 127.0.0.1}: SSO OIDC ({@code CreateToken}), the SSO portal
 * ({@code GetRoleCredentials}, {@code ListAccounts}, {@code ListAccountRoles}, {@code Logout}) and STS
 * {@code GetCallerIdentity}, all at {@link #endpoint()}. The AWS SDK clients work against it unchanged when
 * built with {@code endpointOverride(emulator.endpoint())}.
 * <p>
 * Sessions are started with {@link #signIn(String)}, as {@code aws sso login} would. Behaviour can be changed
 * while it runs (lifetimes, refresh token rotation, denied roles, faults); it is thread-safe.
 * <p>
 * Loading this class sets the system property {@code sun.net.httpserver.nodelay=true} unless it is already set:
 * the JDK's HTTP server otherwise answers every request on a kept-alive connection about 40 ms late.
 */
public final class IdentityCenterEmulator implements AutoCloseable {

    /** The start URL of the emulated portal. */
    public static final String DEFAULT_START_URL = "https://d-0000000000.awsapps.com/start";

    /** The region of the emulated portal and OIDC endpoints. */
    public static final String DEFAULT_SSO_REGION = "us-east-1";

    /** The account listed by default. */
    public static final String DEFAULT_ACCOUNT_ID = "111122223333";

    /** A role listed by default for {@link #DEFAULT_ACCOUNT_ID}. */
    public static final String DEFAULT_ROLE_NAME = "ReadOnly";

    /** The user signed in by default, the last part of the assumed-role ARN. */
    public static final String DEFAULT_USER_NAME = "user@example.com";

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private static final String LOOPBACK = "127.0.0.1";

    private static final AtomicInteger threadCount = new AtomicInteger();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every answer on a kept-alive
        // connection waits for the client's delayed ACK (about 40 ms). Read once, by the first HttpServer.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final EmulatorSettings settings = new EmulatorSettings();

    private final Secrets secrets = new Secrets();

    private final AccountDirectory directory = new AccountDirectory();

    private final CallCounters counters = new CallCounters();

    private final FaultInjector faults = new FaultInjector();

    private final ClientRegistry clients;

    private final SessionRegistry sessions;

    private final HttpServer server;

    private final ExecutorService executor;

    private final URI endpoint;

    private final AtomicBoolean closed = new AtomicBoolean();

    private IdentityCenterEmulator() throws IOException {
        Clock clock = Clock.systemUTC();
        this.clients = new ClientRegistry(this.secrets, clock);
        this.sessions = new SessionRegistry(this.settings, this.secrets, clock);
        this.directory.add(DEFAULT_ACCOUNT_ID, "Emulated account", List.of(DEFAULT_ROLE_NAME, "AdministratorAccess"));
        RoleCredentialsRegistry credentials = new RoleCredentialsRegistry(this.secrets, clock);
        Router router = new Router(routes(new OidcHandler(this.clients, this.sessions),
                new PortalHandler(this.sessions, credentials, this.directory, this.settings),
                new StsHandler(credentials, clock)), this.counters, this.faults);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 128);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.server.setExecutor(this.executor);
        this.server.createContext("/", router);
        this.server.start();
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + this.server.getAddress().getPort());
    }

    /**
     * Starts an emulator on {@code 127.0.0.1} and a free port, with the default settings: token and
     * credentials lifetime one hour, session duration eight hours, rotating refresh tokens, no denied roles,
     * no faults, and account {@link #DEFAULT_ACCOUNT_ID} listed with roles {@link #DEFAULT_ROLE_NAME} and
     * {@code AdministratorAccess}.
     * @return the running emulator; {@link #close()} it when done
     * @throws UncheckedIOException if the server cannot be started
     */
    public static IdentityCenterEmulator start() {
        try {
            return new IdentityCenterEmulator();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the Identity Center emulator", ex);
        }
    }

    /**
     * The base URI of the OIDC, portal and STS endpoints, {@code http://127.0.0.1:PORT}.
     */
    public URI endpoint() {
        return this.endpoint;
    }

    /**
     * The start URL of the emulated portal, {@value #DEFAULT_START_URL}.
     */
    public String startUrl() {
        return DEFAULT_START_URL;
    }

    /**
     * The region of the emulated portal and OIDC endpoints, {@value #DEFAULT_SSO_REGION}.
     */
    public String ssoRegion() {
        return DEFAULT_SSO_REGION;
    }

    /**
     * Sets the lifetime of access tokens issued from now on (default one hour). A token never outlives its
     * session.
     * @param lifetime a positive duration
     */
    public void setTokenLifetime(Duration lifetime) {
        this.settings.tokenLifetime(lifetime);
    }

    /**
     * Sets the lifetime of role credentials issued from now on (default one hour). Unlike tokens, credentials
     * may outlive the session, as with AWS.
     * @param lifetime a positive duration
     */
    public void setCredentialsLifetime(Duration lifetime) {
        this.settings.credentialsLifetime(lifetime);
    }

    /**
     * Sets the length of Identity Center sessions started from now on (default eight hours).
     * @param duration a positive duration
     */
    public void setSessionDuration(Duration duration) {
        this.settings.sessionDuration(duration);
    }

    /**
     * Sets what {@code CreateToken} does with the refresh token from now on (default
     * {@link RefreshTokenMode#ROTATE}).
     * @param mode the mode
     */
    public void setRefreshTokenMode(RefreshTokenMode mode) {
        this.settings.refreshTokenMode(mode);
    }

    /**
     * Sets the user of sessions started from now on (default {@value #DEFAULT_USER_NAME}); it appears in the
     * ARN returned by {@code GetCallerIdentity}.
     * @param userName the user name
     */
    public void setUserName(String userName) {
        this.settings.userName(userName);
    }

    /**
     * Lists an account with roles in {@code ListAccounts} and {@code ListAccountRoles}, replacing an earlier
     * entry for the same id. Accounts are listed in the order they were added.
     * @param accountId twelve-digit account id
     * @param accountName display name
     * @param roleNames roles assigned to the user in this account
     */
    public void addAccount(String accountId, String accountName, String... roleNames) {
        this.directory.add(accountId, accountName, List.of(roleNames));
    }

    /**
     * Denies a role: {@code GetRoleCredentials} answers 403 {@code ForbiddenException} and
     * {@code ListAccountRoles} leaves it out. All other roles are allowed.
     * @param accountId account id
     * @param roleName role name
     */
    public void denyRole(String accountId, String roleName) {
        this.directory.deny(accountId, roleName);
    }

    /**
     * Signs in as {@code aws sso login} does: starts a session of the current session duration and issues an
     * access token of the current token lifetime. For an sso-session it also registers an OIDC client and
     * issues a refresh token; tokens refreshed with it later belong to the same session.
     * @param sessionName name of the {@code [sso-session]}, or {@code null} for a legacy sign-in (no client,
     *     no refresh token)
     * @return the session, holding what the CLI would write to its token cache
     */
    public EmulatedSession signIn(@Nullable String sessionName) {
        ClientRegistry.Client client = (sessionName != null) ? this.clients.register() : null;
        return this.sessions.signIn(sessionName, client, startUrl(), ssoRegion());
    }

    /**
     * Ends a session, as if its Identity Center session expired or was revoked: from now on its access and
     * refresh tokens, including refreshed ones, are rejected. Role credentials already issued stay valid.
     * @param session a session of this emulator
     */
    public void endSession(EmulatedSession session) {
        this.sessions.end(session.id());
    }

    /**
     * The number of requests to an operation since start or the last {@link #resetCallCounts()}, including
     * failed and faulted ones.
     * @param operation the operation
     * @return the count
     */
    public long callCount(Operation operation) {
        return this.counters.get(operation);
    }

    /**
     * Sets all call counts to zero.
     */
    public void resetCallCounts() {
        this.counters.reset();
    }

    /**
     * Makes following calls of an operation fail as the fault says. Faults injected for the same operation
     * apply in turn: one limited with {@link Fault#times(int)} makes way for the next once used up, an
     * unlimited one stays until {@link #clearFaults()}.
     * @param operation the operation
     * @param fault the fault
     */
    public void injectFault(Operation operation, Fault fault) {
        this.faults.inject(operation, fault);
    }

    /**
     * Removes all injected faults.
     */
    public void clearFaults() {
        this.faults.clear();
    }

    /**
     * Every secret issued so far: access tokens, refresh tokens, client secrets, secret access keys and session
     * tokens. Useful to check that none of them leaked into logs or output.
     * @return an immutable copy
     */
    public Set<String> issuedSecrets() {
        return this.secrets.issued();
    }

    /**
     * Stops the server at once; requests in progress are dropped.
     */
    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.server.stop(0);
            this.executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "IdentityCenterEmulator[" + this.endpoint + "]";
    }

    private static List<Route> routes(OidcHandler oidc, PortalHandler portal, StsHandler sts) {
        return List.of(Route.of("POST", "/token", Operation.CREATE_TOKEN, Dialect.OIDC, oidc::createToken),
                Route.of("GET", "/federation/credentials", Operation.GET_ROLE_CREDENTIALS, Dialect.PORTAL,
                        portal::getRoleCredentials),
                Route.of("GET", "/assignment/accounts", Operation.LIST_ACCOUNTS, Dialect.PORTAL, portal::listAccounts),
                Route.of("GET", "/assignment/roles", Operation.LIST_ACCOUNT_ROLES, Dialect.PORTAL,
                        portal::listAccountRoles),
                Route.of("POST", "/logout", Operation.LOGOUT, Dialect.PORTAL, portal::logout),
                new Route(Operation.GET_CALLER_IDENTITY, Dialect.QUERY, (request) -> request.is("POST", "/")
                        && "GetCallerIdentity".equals(request.form().get("Action")), sts::getCallerIdentity));
    }

    private static ThreadFactory daemonThreads() {
        return (runnable) -> {
            Thread thread = new Thread(runnable, "identity-center-emulator-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
