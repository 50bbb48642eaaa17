package dev.awssso.boot;

import java.util.List;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.engine.RoleRegistry;
import dev.awssso.core.engine.ServedRole;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.RoleStatus;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The roles of the application by name: the default role ({@value NamedRole#DEFAULT_NAME}) and the named roles of
 * {@code aws.sso.roles}, each with its credentials provider and status. A bean of the auto-configuration; each
 * named role is also an {@code AwsCredentialsProvider} bean qualified with its name
 * ({@code @Qualifier("tools") AwsCredentialsProvider tools}).
 * <p>
 * The roles of the default role's sign-in share its engine; the roles of another sso-session share an engine of
 * their own, which runs and stops with the registry and is closed with this bean. The registry's events (of every
 * role and sign-in) are published as application events while the application runs.
 */
public final class AwsSsoRoles implements AutoCloseable {

    private final RoleRegistry registry;

    private AwsSsoRoles(RoleRegistry registry) {
        this.registry = registry;
    }

    /**
     * Serves the default role of {@code engine} and the named {@code roles}. The registry is created, not started:
     * the engines of other sign-ins do their background work, and the events reach their listeners, once it starts.
     * @param engine the engine of the default role, whose owner closes it
     * @param roles the named roles, as {@link dev.awssso.core.config.NamedRoleResolver} resolves them
     * @return the roles
     */
    public static AwsSsoRoles create(SsoEngine engine, List<NamedRole> roles) {
        return new AwsSsoRoles(RoleRegistry.create(engine, roles));
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

    /**
     * How the role of that name is configured: its sign-in, account and role, and the role it assumes.
     * @throws IllegalArgumentException naming the roles there are, when there is none of that name
     */
    public NamedRole definition(String name) {
        return role(name).definition();
    }

    /** The engine of each sign-in of the roles, the default role's first; the starter runs and closes them. */
    public List<SsoEngine> signIns() {
        return this.registry.sessions();
    }

    /** The registry that serves the roles, for the lifecycle that runs it. */
    RoleRegistry registry() {
        return this.registry;
    }

    private ServedRole role(String name) {
        return this.registry.role(name).orElseThrow(() -> new IllegalArgumentException("There is no role named '"
                + name + "'; the roles are " + String.join(", ", names()) + " (aws.sso.roles)"));
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

    @Override
    public String toString() {
        return "AwsSsoRoles" + names();
    }
}
