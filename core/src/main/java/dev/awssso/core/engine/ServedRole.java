package dev.awssso.core.engine;

import dev.awssso.core.config.NamedRole;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.status.RoleStatus;

/**
 * One role of a {@link RoleRegistry}: what it is, the credentials provider that serves it, and the engine of its
 * sign-in.
 */
public final class ServedRole {

    private final NamedRole definition;

    private final RefreshingCredentialsProvider credentials;

    private final SsoEngine session;

    ServedRole(NamedRole definition, RefreshingCredentialsProvider credentials, SsoEngine session) {
        this.definition = definition;
        this.credentials = credentials;
        this.session = session;
    }

    /** The role's name: {@code default} for the default role, else its key under {@code aws.sso.roles}. */
    public String name() {
        return this.definition.name();
    }

    /** What the role is: its sign-in, Identity Center role and assumed roles. */
    public NamedRole definition() {
        return this.definition;
    }

    /** The credentials provider of the role, for the AWS clients that use it. */
    public RefreshingCredentialsProvider credentialsProvider() {
        return this.credentials;
    }

    /** The engine of the role's sign-in, which it shares with the other roles of that sign-in. */
    public SsoEngine session() {
        return this.session;
    }

    /** A snapshot of the role now. */
    public RoleStatus status() {
        return RoleStatus.of(this.definition, this.credentials, this.session.status());
    }

    @Override
    public String toString() {
        return "ServedRole[" + this.definition.describe() + "]";
    }
}
