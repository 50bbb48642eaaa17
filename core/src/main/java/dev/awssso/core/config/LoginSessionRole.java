package dev.awssso.core.config;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A named role of an application that signs in with {@code aws login}: the session's own credentials, or the roles
 * assumed in turn on top of them.
 *
 * @param name the role's name, the key under {@code aws.sso.roles}
 * @param assumeRoles the roles assumed in turn with the credentials of the step before, the one nearest to the
 *     session first; empty for the session's own credentials
 */
public record LoginSessionRole(String name, List<AssumeRoleSpec> assumeRoles) {

    public LoginSessionRole {
        Objects.requireNonNull(name, "name");
        assumeRoles = List.copyOf(assumeRoles);
    }

    /** The ARN of the role assumed last, or {@code null} for the session's own credentials. */
    public @Nullable String assumedRoleArn() {
        return this.assumeRoles.isEmpty() ? null : this.assumeRoles.get(this.assumeRoles.size() - 1).roleArn();
    }
}
