package dev.awssso.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.config.NamedRole;
import dev.awssso.core.roles.RoleRegistry;
import dev.awssso.core.roles.ServedRole;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionListener;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The roles of the application by name: the default role ({@value NamedRole#DEFAULT_NAME}) and the named roles of
 * {@code aws.sso.roles}, each with its credentials provider and status. A bean of the auto-configuration; each
 * named role is also an {@code AwsCredentialsProvider} bean qualified with its name
 * ({@code @Qualifier("tools") AwsCredentialsProvider tools}).
 * <p>
 * The roles of the default role's sign-in share its engine; the roles of another sso-session share an engine of
 * their own, which runs and stops with the default one and is closed with this bean.
 */
public final class AwsSsoRoles implements AutoCloseable {

    private final RoleRegistry registry;

    private final RoleEventGate events = new RoleEventGate();

    private AwsSsoRoles(RoleRegistry registry) {
        this.registry = registry;
        registry.addListener(this.events);
    }

    /**
     * Serves the default role of {@code engine} and the named {@code roles}. The engines of other sign-ins do their
     * background work, and the events of the named roles reach their listeners, from {@link #start} on.
     * @param engine the engine of the default role, whose owner closes it
     * @param roles the named roles, as {@link dev.awssso.core.config.NamedRoleResolver} resolves them
     * @return the roles
     */
    public static AwsSsoRoles create(SsoEngine engine, List<NamedRole> roles) {
        AwsSsoRoles created = new AwsSsoRoles(RoleRegistry.start(engine, roles));
        created.otherSignIns().forEach(SsoEngine::stop);
        return created;
    }

    /** The names of the roles: {@value NamedRole#DEFAULT_NAME} first, then the named roles in their order. */
    public List<String> names() {
        return this.registry.names();
    }

    /** Whether {@code aws.sso.roles} configures any role besides the default one. */
    public boolean hasNamedRoles() {
        return this.registry.names().size() > 1;
    }

    /**
     * The credentials provider of the role of that name.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public AwsCredentialsProvider credentialsProvider(String name) {
        return this.registry.credentialsProvider(name);
    }

    /**
     * A snapshot of the role of that name now: its account and role, its credentials' expiry and refreshes, and
     * what to do next. Holds no secret.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public RoleStatus status(String name) {
        return role(name).status();
    }

    /** A snapshot of every role now, in the order of {@link #names()}. */
    public List<RoleStatus> statuses() {
        return this.registry.statuses();
    }

    /** The role of that name, with its definition and the engine of its sign-in. */
    public ServedRole role(String name) {
        return this.registry.role(name).orElseThrow(() -> new IllegalArgumentException("There is no role named '"
                + name + "'; the roles are " + String.join(", ", names()) + " (aws.sso.roles)"));
    }

    /** The registry that serves the roles. */
    public RoleRegistry registry() {
        return this.registry;
    }

    /**
     * Starts the background work of the other sign-ins' engines and passes the events of the named roles (those
     * held first) on to {@code listeners}; the default role's engine is started by its owner.
     */
    void start(List<SessionListener> listeners) {
        otherSignIns().forEach(SsoEngine::start);
        this.events.open(listeners);
    }

    /** Pauses the background work of the other sign-ins' engines and holds the events of the named roles. */
    void stop() {
        this.events.close();
        otherSignIns().forEach(SsoEngine::stop);
    }

    /** Releases the callers waiting for credentials of the named roles and refuses new waits. */
    void stopWaiting() {
        this.registry.stopWaiting();
    }

    /**
     * Stops the named roles and closes the engines started for other sign-ins; the default role's engine is left
     * to its owner.
     */
    @Override
    public void close() {
        this.registry.close();
    }

    private Stream<SsoEngine> otherSignIns() {
        return this.registry.sessions().stream().skip(1);
    }

    @Override
    public String toString() {
        return "AwsSsoRoles" + names();
    }
}
