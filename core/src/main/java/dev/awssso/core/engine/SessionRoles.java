package dev.awssso.core.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.credentials.AssumedRoleCredentialsProvider;
import dev.awssso.core.credentials.CredentialsListener;
import dev.awssso.core.credentials.IdentityCenterCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.credentials.RefreshingCredentialsProvider.Timing;
import dev.awssso.core.credentials.RoleAssumer;
import dev.awssso.core.credentials.RoleCredentialsFetcher;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.token.SsoToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles of one sign-in, attached to its engine: one credentials provider per role over the engine's one
 * token manager (so a token refresh is one {@code CreateToken} whatever the number of roles), each with its own
 * schedule, driven by the engine's maintenance. Fetches run on a shared pool, one thread per call in flight, so a
 * slow role never holds up another. An Identity Center role that several roles need (the default role, or the
 * source of assumed roles) is fetched by one provider for all of them. The engine's events and those of the roles
 * go to the registry's one event stream.
 */
final class SessionRoles implements EngineAttachment {

    private static final Logger logger = LoggerFactory.getLogger(SessionRoles.class);

    private final SsoEngine engine;

    private final EngineParts parts;

    private final Executor fetchExecutor;

    private final RoleEvents events;

    private final Timing timing;

    /** The Identity Center role providers of this sign-in, by account and role, to share as sources. */
    private final Map<String, RefreshingCredentialsProvider> byRole = new HashMap<>();

    /** The providers made here (not the engine's own), sources before the roles assumed with them. */
    private final List<RefreshingCredentialsProvider> owned = new CopyOnWriteArrayList<>();

    /** Whether the engine's own provider may serve a named role (an engine started for other roles). */
    private final boolean engineProviderFree;

    private volatile @Nullable String engineRole;

    private @Nullable RoleAssumer assumer;

    /**
     * @param engineProviderFree whether the engine's own provider may serve the first named role of its
     *     account and role: true for an engine started for named roles, false for the default role's engine
     */
    SessionRoles(SsoEngine engine, Executor fetchExecutor, RoleEvents events, boolean engineProviderFree) {
        this.engine = engine;
        this.parts = engine.parts();
        this.fetchExecutor = fetchExecutor;
        this.events = events;
        this.engineProviderFree = engineProviderFree;
        EngineOptions options = this.parts.options();
        this.timing = new Timing(options.credentialsRefreshWindow(), options.credentialsStaleMargin(),
                options.backoff(), options.callerWait());
        this.byRole.put(key(this.parts.settings()), engine.credentialsProvider());
    }

    /** The engine of this sign-in. */
    SsoEngine engine() {
        return this.engine;
    }

    /** The named role the engine's own provider serves, or {@code null} when it serves none. */
    @Nullable String engineRole() {
        return this.engineRole;
    }

    /** A provider that serves {@code role}, a role of this sign-in. */
    RefreshingCredentialsProvider serve(NamedRole role) {
        if (!role.assumed()) {
            boolean engineRoleTaken = !this.engineProviderFree || this.engineRole != null;
            if (!engineRoleTaken && key(role.sso()).equals(key(this.parts.settings()))) {
                this.engineRole = role.name();
                return this.engine.credentialsProvider();
            }
            RefreshingCredentialsProvider provider = identityCenterRole(role,
                    this.events.forRole(role.name(), this.engine));
            this.byRole.putIfAbsent(key(role.sso()), provider);
            return provider;
        }
        RefreshingCredentialsProvider source = this.byRole.computeIfAbsent(key(role.sso()),
                (ignored) -> identityCenterRole(role, RoleEvents.silent()));
        String sourceDescription = "the Identity Center role '" + role.sso().roleName() + "' of account "
                + role.sso().accountId() + " (IAM role AWSReservedSSO_" + role.sso().roleName() + "_...)";
        List<AssumeRoleSpec> steps = role.assumeRoles();
        for (int i = 0; i < steps.size(); i++) {
            CredentialsListener listener = (i == steps.size() - 1) ? this.events.forRole(role.name(), this.engine)
                    : RoleEvents.silent();
            AssumedRoleCredentialsProvider link = new AssumedRoleCredentialsProvider(role.name(), steps.get(i),
                    source, sourceDescription, assumer(), this.parts.clock(), this.timing, this.fetchExecutor,
                    listener);
            this.owned.add(link);
            source = link;
            sourceDescription = steps.get(i).roleArn();
        }
        return source;
    }

    @Override
    public void refreshIfDue() {
        for (RefreshingCredentialsProvider provider : this.owned) {
            try {
                provider.refreshIfDue();
            }
            catch (RuntimeException ex) {
                logger.debug("A refresh of {} could not start: {}", provider, ex.toString());
            }
        }
    }

    @Override
    public void expireIfStale() {
        this.owned.forEach(RefreshingCredentialsProvider::expireIfStale);
    }

    @Override
    public void signedIn(SsoToken token) {
        this.owned.forEach((provider) -> provider.signedIn(token));
    }

    @Override
    public void signedOut() {
        this.owned.forEach(RefreshingCredentialsProvider::signedOut);
    }

    @Override
    public void tokenRefreshed(SsoToken token, Duration duration) {
        this.owned.forEach((provider) -> provider.tokenRefreshed(token, duration));
    }

    @Override
    public void tokenRefreshFailed(RefreshFailure failure) {
        this.owned.forEach((provider) -> provider.tokenRefreshFailed(failure));
    }

    @Override
    public void sessionEnded(RefreshFailure failure) {
        this.owned.forEach((provider) -> provider.sessionEnded(failure));
    }

    /** Passes the engine's event on to the registry's listeners, named after the role its own provider serves. */
    @Override
    public void eventPublished(Supplier<SessionEvent> event) {
        if (this.engineProviderFree) {
            this.events.fromOtherEngine(event, this::engineRole);
        }
        else {
            this.events.fromDefaultEngine(event);
        }
    }

    @Override
    public void stopWaiting() {
        this.owned.forEach(RefreshingCredentialsProvider::stopWaiting);
    }

    @Override
    public void close() {
        this.owned.forEach(RefreshingCredentialsProvider::close);
        RoleAssumer current;
        synchronized (this) {
            current = this.assumer;
        }
        if (current != null) {
            current.close();
        }
    }

    /** A provider of the Identity Center role of {@code role}, the role whose account and role it is set by. */
    private IdentityCenterCredentialsProvider identityCenterRole(NamedRole role, CredentialsListener listener) {
        SsoSettings settings = role.sso();
        IdentityCenterCredentialsProvider provider = new IdentityCenterCredentialsProvider(settings,
                this.parts.tokens(), new RoleCredentialsFetcher(this.parts.portal(), settings), this.parts.clock(),
                this.timing, this.fetchExecutor, null, listener, role.roleSettings());
        this.owned.add(provider);
        return provider;
    }

    /** The STS caller of this sign-in, over the engine's HTTP client; its client is built on the first call. */
    private synchronized RoleAssumer assumer() {
        if (this.assumer == null) {
            SsoSettings settings = this.parts.settings();
            EngineOptions options = this.parts.options();
            this.assumer = new RoleAssumer((settings.region() != null) ? settings.region() : settings.ssoRegion(),
                    options.endpoints().sts(), options.timeouts(), this.parts.http());
        }
        return this.assumer;
    }

    private static String key(SsoSettings settings) {
        return settings.accountId() + "/" + settings.roleName();
    }
}
