package dev.awssso.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local AWS IAM Identity Center on {@code 127.0.0.1}: SSO OIDC ({@code RegisterClient},
 * {@code StartDeviceAuthorization}, {@code CreateToken}), the sign-in pages ({@code /authorize} for the PKCE
 * authorization code flow, {@code /device} for the device code flow), the SSO portal ({@code GetRoleCredentials},
 * {@code ListAccounts}, {@code ListAccountRoles}, {@code Logout}), STS {@code GetCallerIdentity} and, for the roles
 * whose trust {@link #allowAssumeRole} sets, {@code AssumeRole}, Parameter Store ({@code GetParameter},
 * {@code GetParametersByPath}; see {@link #parameterStore()}), Secrets Manager ({@code GetSecretValue},
 * {@code BatchGetSecretValue}; see {@link #secretsManager()}) and AWS Sign-In for {@code aws login} (the
 * {@code /v1/authorize} page of its same-device sign-in, and {@code CreateOAuth2Token}, which redeems the
 * authorization code and refreshes the DPoP-bound session; see {@link #startLoginSession(String)} and
 * {@link #setLoginSessionArn(String)}), all at {@link #endpoint()}. The AWS SDK clients
 * work against it unchanged when built with {@code endpointOverride(emulator.endpoint())}. STS, Parameter Store
 * and Secrets Manager answer only requests whose SigV4 signature was made with role credentials the emulator
 * issued (for an SSO role, an assumed role or a login session) and that have not expired.
 * <p>
 * Sessions are started directly with {@link #signIn(String)}, as if {@code aws sso login} had run, or by a client
 * going through a sign-in flow: approved in a browser, or without one by {@link #approveAuthorization(URI)} and
 * {@link #approveDevice(String)}. The user is always signed in to the pages, as the current user name. An
 * {@code aws login} session is started directly with {@link #startLoginSession(String)}, or by the AWS CLI's
 * sign-in, approved in a browser or by {@link #approveLogin(URI)}, as the current login session ARN. Behaviour
 * can be changed while it runs (lifetimes, refresh token rotation, poll interval, denied roles, which roles may be
 * assumed, faults); it is thread-safe.
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

    /** The client id of the AWS CLI's same-device {@code aws login}, the only client AWS Sign-In accepts here. */
    public static final String LOGIN_CLIENT_ID = "arn:aws:signin:::devtools/same-device";

    /**
     * A principal for {@link #startLoginSession(String)}, and the one {@code aws login} signs in as by default:
     * an IAM user of {@link #DEFAULT_ACCOUNT_ID}.
     */
    public static final String DEFAULT_LOGIN_SESSION = "arn:aws:iam::111122223333:user/developer";

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

    private final RoleTrust trust = new RoleTrust();

    private final ClientRegistry clients;

    private final SessionRegistry sessions;

    private final DeviceAuthorizations devices;

    private final AuthorizationCodes codes;

    private final EmulatedParameterStore parameterStore;

    private final EmulatedSecretsManager secretsManager;

    private final LoginSessions logins;

    private final SigninHandler signin;

    private final HttpServer server;

    private final ExecutorService executor;

    private final URI endpoint;

    private final AtomicBoolean closed = new AtomicBoolean();

    private IdentityCenterEmulator(Clock clock) throws IOException {
        this.clients = new ClientRegistry(this.settings, this.secrets, clock);
        this.sessions = new SessionRegistry(this.settings, this.secrets, clock, DEFAULT_START_URL, DEFAULT_SSO_REGION);
        this.devices = new DeviceAuthorizations(this.settings, this.secrets, clock);
        this.codes = new AuthorizationCodes(this.secrets, clock);
        this.parameterStore = new EmulatedParameterStore(clock);
        this.secretsManager = new EmulatedSecretsManager(clock);
        this.directory.add(DEFAULT_ACCOUNT_ID, "Emulated account", List.of(DEFAULT_ROLE_NAME, "AdministratorAccess"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 128);
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + this.server.getAddress().getPort());
        RoleCredentialsRegistry credentials = new RoleCredentialsRegistry(this.secrets, clock);
        CallerAuthenticator authenticator = new CallerAuthenticator(credentials, clock);
        this.logins = new LoginSessions(this.settings, this.secrets, credentials, clock);
        this.signin = new SigninHandler(this.logins, SigninHandler.authorizationCodes(this.secrets, clock),
                new DpopVerifier(clock), this.settings);
        List<Route> routes = new ArrayList<>(routes(
                new RegistrationHandler(this.clients, this.devices, this.endpoint, DEFAULT_START_URL),
                new OidcHandler(this.clients, this.sessions, this.devices, this.codes),
                new PageHandler(this.clients, this.codes, this.devices, this.settings),
                new PortalHandler(this.sessions, credentials, this.directory, this.settings),
                new StsHandler(credentials, this.trust, this.settings, clock),
                this.signin, authenticator));
        routes.addAll(new ParameterStoreHandler(this.parameterStore).routes(authenticator));
        routes.addAll(new SecretsManagerHandler(this.secretsManager).routes(authenticator));
        Router router = new Router(routes, this.counters, this.faults, clock);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.server.setExecutor(this.executor);
        this.server.createContext("/", router);
        this.server.start();
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
        return start(Clock.systemUTC());
    }

    /**
     * Starts an emulator as {@link #start()} does, reading the time from {@code clock}: every lifetime, expiry
     * and session end follows it, so a test can let hours pass by moving a {@link MovableClock}.
     * @return the running emulator; {@link #close()} it when done
     * @throws UncheckedIOException if the server cannot be started
     */
    public static IdentityCenterEmulator start(Clock clock) {
        try {
            return new IdentityCenterEmulator(clock);
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
     * The parameters that {@code GetParameter} and {@code GetParametersByPath} serve; empty at start.
     */
    public EmulatedParameterStore parameterStore() {
        return this.parameterStore;
    }

    /**
     * The secrets that {@code GetSecretValue} and {@code BatchGetSecretValue} serve; empty at start.
     */
    public EmulatedSecretsManager secretsManager() {
        return this.secretsManager;
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
     * Sets how long client registrations made from now on last (default 90 days, as with AWS); sent as
     * {@code clientSecretExpiresAt} by {@code RegisterClient}.
     * @param lifetime a positive duration
     */
    public void setRegistrationLifetime(Duration lifetime) {
        this.settings.registrationLifetime(lifetime);
    }

    /**
     * Sets how long device authorizations started from now on can be approved and redeemed (default ten
     * minutes). {@code StartDeviceAuthorization} sends it as {@code expiresIn}, in whole seconds rounded up;
     * the expiry itself is exact.
     * @param lifetime a positive duration
     */
    public void setDeviceCodeLifetime(Duration lifetime) {
        this.settings.deviceCodeLifetime(lifetime);
    }

    /**
     * Sets the least time between two {@code CreateToken} polls with one device code, for device authorizations
     * started from now on (default one second). {@code StartDeviceAuthorization} sends it as {@code interval},
     * in whole seconds rounded up, so a client waiting that long is never told to slow down; the check itself is
     * exact. Zero allows any rate.
     * @param interval a duration, not negative
     * @see #setSlowDownEnforced(boolean)
     */
    public void setDevicePollInterval(Duration interval) {
        this.settings.devicePollInterval(interval);
    }

    /**
     * Sets whether a device code polled sooner than the poll interval after its previous poll gets
     * {@code SlowDownException} (default {@code true}). Every poll counts as the previous one, including one
     * answered with {@code SlowDownException}.
     * @param enforced whether to enforce the poll interval
     */
    public void setSlowDownEnforced(boolean enforced) {
        this.settings.slowDownEnforced(enforced);
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
     * Denies a role, as an administrator removing the user's assignment does, also while the application runs:
     * from now on {@code GetRoleCredentials} answers 403 {@code ForbiddenException} and {@code ListAccountRoles}
     * leaves it out. Credentials already issued stay valid. All other roles are allowed.
     * @param accountId account id
     * @param roleName role name
     */
    public void denyRole(String accountId, String roleName) {
        this.directory.deny(accountId, roleName);
    }

    /**
     * Lets credentials of role {@code principalRoleArn} assume {@code roleArn} with STS {@code AssumeRole}, as a
     * trust policy naming that principal does; other roles and principals get {@code AccessDenied}. The
     * principal of role credentials from {@code GetRoleCredentials} is the role of their account, for example
     * {@code arn:aws:iam::111122223333:role/ReadOnly} (see {@link #roleArn(String, String)}); that of assumed
     * role credentials is the assumed role's ARN, so chains of any length can be allowed link by link; that of
     * credentials of a login session is its ARN, {@link EmulatedLoginSession#loginSession()}.
     * @param principalRoleArn the role whose credentials may assume {@code roleArn}
     * @param roleArn the role that may be assumed, {@code arn:aws:iam::ACCOUNT:role/NAME}
     */
    public void allowAssumeRole(String principalRoleArn, String roleArn) {
        this.trust.allow(principalRoleArn, roleArn, null);
    }

    /**
     * Lets credentials of role {@code principalRoleArn} assume {@code roleArn} only with the given external id
     * (the trust policy's {@code sts:ExternalId} condition); without it, or with another one,
     * {@code AssumeRole} answers {@code AccessDenied}.
     * @param principalRoleArn the role whose credentials may assume {@code roleArn}
     * @param roleArn the role that may be assumed
     * @param externalId the external id the caller must give
     */
    public void allowAssumeRole(String principalRoleArn, String roleArn, String externalId) {
        this.trust.allow(principalRoleArn, roleArn, externalId);
    }

    /**
     * Withdraws what {@link #allowAssumeRole} allowed: from now on {@code AssumeRole} of {@code roleArn} with
     * credentials of {@code principalRoleArn} answers {@code AccessDenied}. Credentials already issued stay valid.
     * @param principalRoleArn the principal
     * @param roleArn the role
     */
    public void revokeAssumeRole(String principalRoleArn, String roleArn) {
        this.trust.revoke(principalRoleArn, roleArn);
    }

    /**
     * Sets the longest lifetime of credentials {@code AssumeRole} issues from now on: the {@code DurationSeconds}
     * asked for (900 to 3600, default 3600) is shortened to it, as a role's maximum session duration would.
     * Without it, the lifetime asked for is issued.
     * @param lifetime a positive duration
     */
    public void setAssumedRoleLifetime(Duration lifetime) {
        this.settings.assumedRoleLifetime(lifetime);
    }

    /**
     * The ARN of a role, {@code arn:aws:iam::ACCOUNT:role/NAME}: what {@link #allowAssumeRole} names as principal
     * for role credentials of the portal.
     * @param accountId account id
     * @param roleName role name
     * @return the ARN
     */
    public static String roleArn(String accountId, String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
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
        ClientRegistry.Client client = (sessionName != null) ? this.clients.register(sessionName) : null;
        return this.sessions.signIn(sessionName, client);
    }

    /**
     * Signs in once more as {@code aws sso login} does while its client registration lasts: a new session of the
     * current user, session duration and token lifetime, for the client of {@code previous} (the AWS CLI reuses
     * its registration for months). Its token cache file then differs from a refresh of {@code previous} only by
     * its tokens.
     * @param previous an earlier session of this emulator, whose sso-session and client are reused
     * @return the new session
     */
    public EmulatedSession signInAgain(EmulatedSession previous) {
        return this.sessions.signIn(previous.sessionName(), previous.client());
    }

    /**
     * Starts a session as {@code aws login} does: a new EC P-256 DPoP key and a refresh token bound to it, for
     * client {@value #LOGIN_CLIENT_ID}. Refreshing it with AWS Sign-In {@code CreateOAuth2Token} issues
     * credentials of the current login credentials lifetime whose STS caller is the principal, and the next
     * refresh token; the one used is then refused.
     * @param loginSessionArn the principal signed in, such as {@value #DEFAULT_LOGIN_SESSION}; its fifth field is
     *     the account id
     * @return the session
     * @throws IllegalArgumentException if {@code loginSessionArn} is not an ARN with a twelve-digit account id
     */
    public EmulatedLoginSession startLoginSession(String loginSessionArn) {
        return this.logins.start(loginSessionArn);
    }

    /**
     * Ends a login session, as AWS Sign-In does when its sign-in lapses or the user's credentials or
     * permissions change: from now on refreshing it answers {@code AccessDeniedException} with the code, HTTP
     * 401 for {@code TOKEN_EXPIRED}, 403 for the others. Credentials already issued stay valid.
     * @param session a login session of this emulator
     * @param oauth2ErrorCode {@code TOKEN_EXPIRED}, {@code USER_CREDENTIALS_CHANGED} or
     *     {@code INSUFFICIENT_PERMISSIONS}
     * @throws IllegalArgumentException for another code, or a session of another emulator
     */
    public void endLoginSession(EmulatedLoginSession session, String oauth2ErrorCode) {
        this.logins.end(session.id(), oauth2ErrorCode);
    }

    /**
     * Sets the principal that {@code aws login} signs in as from now on (default {@value #DEFAULT_LOGIN_SESSION}).
     * The {@code /v1/authorize} page shows it and its approval issues an authorization code for it.
     * Redeeming the code starts a login session of this principal, bound to the client's DPoP key.
     * @param loginSessionArn the principal ARN; its fifth field is the account id
     * @throws IllegalArgumentException if it is not an ARN with a twelve-digit account id
     */
    public void setLoginSessionArn(String loginSessionArn) {
        this.settings.loginSessionArn(loginSessionArn);
    }

    /**
     * Approves an {@code aws login} authorization request as if the user had pressed <b>Allow</b> on the
     * {@code /v1/authorize} page, without a browser. The request is validated as the page does it; nothing is
     * called. The code issued signs in as the current login session ARN.
     * @param authorizeUrl the URL the AWS CLI would open in the browser, {@code <endpoint>/v1/authorize?
     *     response_type=code&client_id=arn:aws:signin:::devtools/same-device&state=...
     *     &code_challenge_method=SHA-256&scope=openid&redirect_uri=...&code_challenge=...}; only its query is read
     * @return where the browser would be redirected: {@code redirect_uri?code=...&state=...}
     * @throws IllegalArgumentException if the request is not valid (another client id, a redirect URI that is not
     *     loopback, a response type other than {@code code}, a method other than {@code SHA-256} or
     *     {@code S256}, no code challenge, no {@code openid} scope)
     */
    public URI approveLogin(URI authorizeUrl) {
        return this.signin.approve(LoginAuthorizationRequest.parse(Request.decode(authorizeUrl.getRawQuery())));
    }

    /**
     * Denies an {@code aws login} authorization request as if the user had pressed <b>Deny</b> on the
     * {@code /v1/authorize} page.
     * @param authorizeUrl the URL the AWS CLI would open in the browser; only its query is read
     * @return where the browser would be redirected: {@code redirect_uri?error=access_denied&state=...}
     * @throws IllegalArgumentException if the request is not valid
     */
    public URI denyLogin(URI authorizeUrl) {
        return LoginAuthorizationRequest.parse(Request.decode(authorizeUrl.getRawQuery())).denied();
    }

    /**
     * Every login session started so far, by {@link #startLoginSession(String)} or by an authorization code
     * redeemed with {@code CreateOAuth2Token}, in the order they started.
     * A session started by a redemption is bound to the client's DPoP key, of which it knows only the thumbprint.
     * @return an immutable copy
     */
    public List<EmulatedLoginSession> loginSessions() {
        return this.logins.sessions();
    }

    /**
     * The login session started last, as {@link #loginSessions()} lists it.
     * @return the session
     * @throws IllegalStateException if no login session was started
     */
    public EmulatedLoginSession latestLoginSession() {
        List<EmulatedLoginSession> all = loginSessions();
        if (all.isEmpty()) {
            throw new IllegalStateException("No login session was started");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Sets the lifetime of credentials AWS Sign-In {@code CreateOAuth2Token} issues from now on (default 15
     * minutes), sent as {@code expiresIn} in whole seconds.
     * @param lifetime a positive duration
     */
    public void setLoginCredentialsLifetime(Duration lifetime) {
        this.settings.loginCredentialsLifetime(lifetime);
    }

    /**
     * Approves a PKCE authorization request as if the user had pressed <b>Allow</b> on the {@code /authorize}
     * page, without a browser. The request is validated as the page does it; nothing is called.
     * @param authorizeUrl the URL the client would open in the browser,
     *     {@code <endpoint>/authorize?response_type=code&client_id=...&redirect_uri=...&state=...
     *     &code_challenge_method=S256&scopes=...&code_challenge=...}; only its query is read
     * @return where the browser would be redirected: {@code redirect_uri?code=...&state=...}
     * @throws IllegalArgumentException if the request is not valid (unknown client, redirect URI not
     *     registered, method not {@code S256}, no code challenge...)
     */
    public URI approveAuthorization(URI authorizeUrl) {
        AuthorizationRequest request = authorizationRequest(authorizeUrl);
        return request.approved(this.codes.issue(request, this.settings.userName()));
    }

    /**
     * Denies a PKCE authorization request as if the user had pressed <b>Deny</b> on the {@code /authorize} page.
     * @param authorizeUrl the URL the client would open in the browser; only its query is read
     * @return where the browser would be redirected: {@code redirect_uri?error=access_denied&state=...}
     * @throws IllegalArgumentException if the request is not valid
     */
    public URI denyAuthorization(URI authorizeUrl) {
        return authorizationRequest(authorizeUrl).denied();
    }

    /**
     * Approves a pending device authorization as if the user had entered its code on the {@code /device} page
     * and pressed <b>Allow</b>. The next poll of {@code CreateToken} with its device code starts a session for the
     * current user.
     * @param userCode the user code from {@code StartDeviceAuthorization}, in any case, with or without its hyphen
     * @throws IllegalArgumentException if no authorization with this user code is pending (unknown, expired or
     *     already decided)
     */
    public void approveDevice(String userCode) {
        decideDevice(userCode, true);
    }

    /**
     * Denies a pending device authorization: polls with its device code then fail with
     * {@code AccessDeniedException}.
     * @param userCode the user code from {@code StartDeviceAuthorization}
     * @throws IllegalArgumentException if no authorization with this user code is pending
     */
    public void denyDevice(String userCode) {
        decideDevice(userCode, false);
    }

    /**
     * Every session started so far, by {@link #signIn(String)} or by a device code or authorization code
     * redeemed with {@code CreateToken}, in the order they started. Each is a snapshot taken at sign-in; a
     * session started by {@code CreateToken} has no session name, the client that redeemed the code, and a
     * refresh token only if that client registered scopes. Its cache file is not written unless asked for.
     * @return an immutable copy
     */
    public List<EmulatedSession> sessions() {
        return this.sessions.sessions();
    }

    /**
     * The session started last, as {@link #sessions()} lists it.
     * @return the session
     * @throws IllegalStateException if no session was started
     */
    public EmulatedSession latestSession() {
        List<EmulatedSession> all = sessions();
        if (all.isEmpty()) {
            throw new IllegalStateException("No session was started");
        }
        return all.get(all.size() - 1);
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
     * The most requests to an operation that were being answered at the same time (an injected delay included)
     * since start or the last {@link #resetCallCounts()}.
     * @param operation the operation
     * @return the number of requests
     */
    public long mostConcurrentCalls(Operation operation) {
        return this.counters.mostAtOnce(operation);
    }

    /**
     * Sets all call counts to zero, and the most concurrent calls to the number under way now.
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
     * Every secret issued so far: access tokens, refresh tokens, client secrets, device codes, authorization
     * codes (of Identity Center and of AWS Sign-In), secret access keys, session tokens, and the DPoP keys (as
     * PEM) the emulator made and identity tokens of login sessions; not user codes, which are shown to the user.
     * Useful to check that none of them leaked into logs or output.
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

    private AuthorizationRequest authorizationRequest(URI authorizeUrl) {
        return AuthorizationRequest.parse(Request.decode(authorizeUrl.getRawQuery()), this.clients);
    }

    private void decideDevice(String userCode, boolean approve) {
        if (!this.devices.decide(userCode, approve, this.settings.userName())) {
            throw new IllegalArgumentException("No device authorization is pending with the user code " + userCode);
        }
    }

    private static List<Route> routes(RegistrationHandler registration, OidcHandler oidc, PageHandler pages,
            PortalHandler portal, StsHandler sts, SigninHandler signin, CallerAuthenticator authenticator) {
        return List.of(
                Route.of("POST", "/client/register", Operation.REGISTER_CLIENT, Dialect.OIDC,
                        registration::registerClient),
                Route.of("POST", "/device_authorization", Operation.START_DEVICE_AUTHORIZATION, Dialect.OIDC,
                        registration::startDeviceAuthorization),
                Route.of("POST", "/token", Operation.CREATE_TOKEN, Dialect.OIDC, oidc::createToken),
                Route.of("GET", "/authorize", Operation.AUTHORIZE, Dialect.PAGE, pages::showAuthorization),
                Route.of("POST", "/authorize", Operation.AUTHORIZE, Dialect.PAGE, pages::decideAuthorization),
                Route.of("GET", "/device", Operation.AUTHORIZE, Dialect.PAGE, pages::showDevice),
                Route.of("POST", "/device", Operation.AUTHORIZE, Dialect.PAGE, pages::decideDevice),
                Route.of("GET", "/federation/credentials", Operation.GET_ROLE_CREDENTIALS, Dialect.PORTAL,
                        portal::getRoleCredentials),
                Route.of("GET", "/assignment/accounts", Operation.LIST_ACCOUNTS, Dialect.PORTAL, portal::listAccounts),
                Route.of("GET", "/assignment/roles", Operation.LIST_ACCOUNT_ROLES, Dialect.PORTAL,
                        portal::listAccountRoles),
                Route.of("POST", "/logout", Operation.LOGOUT, Dialect.PORTAL, portal::logout),
                stsAction(Operation.GET_CALLER_IDENTITY, "GetCallerIdentity",
                        authenticator.signed("sts", SignatureErrors.QUERY, sts::getCallerIdentity)),
                stsAction(Operation.ASSUME_ROLE, "AssumeRole",
                        authenticator.signed("sts", SignatureErrors.QUERY, sts::assumeRole)),
                Route.of("POST", "/v1/token", Operation.CREATE_OAUTH2_TOKEN, Dialect.SIGNIN,
                        signin::createOAuth2Token),
                Route.of("GET", "/v1/authorize", Operation.LOGIN_AUTHORIZE, Dialect.PAGE, signin::showAuthorization),
                Route.of("POST", "/v1/authorize", Operation.LOGIN_AUTHORIZE, Dialect.PAGE,
                        signin::decideAuthorization));
    }

    private static Route stsAction(Operation operation, String action, Function<Request, Reply> handler) {
        return new Route(operation, Dialect.QUERY,
                (request) -> request.is("POST", "/") && action.equals(request.form().get("Action")), handler);
    }

    private static ThreadFactory daemonThreads() {
        return (runnable) -> {
            Thread thread = new Thread(runnable, "identity-center-emulator-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
