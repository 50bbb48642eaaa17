package dev.awssso.core.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A role the application uses besides (or as) its default one, under a name: an IAM Identity Center role of a
 * sign-in, and the roles assumed in turn on top of it, if any.
 * <p>
 * A name starts with a letter and holds letters, digits and hyphens, at most 64 characters
 * ({@value #NAME_PATTERN}), so that it works unchanged as a bean qualifier, a Spring map key, a metric tag and
 * a path segment. {@value #DEFAULT_NAME} names the default role ({@code aws.sso.profile} or
 * {@code aws.sso.account-id} and {@code aws.sso.role-name}) and cannot be given to another.
 *
 * @param name the role's name
 * @param sso the sign-in and the Identity Center role whose credentials serve the role or start its chain
 * @param assumeRoles the roles assumed in turn with the credentials of the step before, empty for an Identity
 *     Center role used as it is
 */
public record NamedRole(String name, SsoSettings sso, List<AssumeRoleSpec> assumeRoles) {

    /** The name of the default role. */
    public static final String DEFAULT_NAME = "default";

    /** Where the account and role of the default role are set, in words (see {@link #roleSettings()}). */
    public static final String DEFAULT_ROLE_SETTINGS = "aws.sso.account-id and aws.sso.role-name (or sso_account_id"
            + " and sso_role_name of the profile)";

    /** What a role name must look like. */
    public static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9-]{0,63}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public NamedRole {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sso, "sso");
        assumeRoles = List.copyOf(assumeRoles);
    }

    /** The default role of {@code settings}, named {@value #DEFAULT_NAME}. */
    public static NamedRole defaultRole(SsoSettings settings) {
        return new NamedRole(DEFAULT_NAME, settings, List.of());
    }

    /** Whether {@code name} is a valid role name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether credentials of this role come from STS {@code AssumeRole} rather than from the portal directly. */
    public boolean assumed() {
        return !this.assumeRoles.isEmpty();
    }

    /** The account whose credentials the role serves: that of the last assumed role, else of the SSO role. */
    public String accountId() {
        return assumed() ? last().accountId() : this.sso.accountId();
    }

    /** The name of the role whose credentials it serves: the last assumed role, else the SSO role. */
    public String roleName() {
        return assumed() ? last().roleName() : this.sso.roleName();
    }

    /** The ARN of the last assumed role, or {@code null} for an Identity Center role used as it is. */
    public @Nullable String assumedRoleArn() {
        return assumed() ? last().roleArn() : null;
    }

    /**
     * Where the account and role of the role's Identity Center role are set, in words, for the message of a
     * denied role: {@code aws.sso.account-id} and {@code aws.sso.role-name} for the default role, else the role's
     * own keys under {@code aws.sso.roles}.
     */
    public String roleSettings() {
        if (this.name.equals(DEFAULT_NAME)) {
            return DEFAULT_ROLE_SETTINGS;
        }
        String prefix = "aws.sso.roles." + this.name + ".";
        return prefix + "account-id and " + prefix + "role-name (or sso_account_id and sso_role_name of the profile "
                + prefix + "profile names)";
    }

    /** The role in words for log lines and messages, such as {@code role 'deploy' (arn:aws:iam::...)}. */
    public String describe() {
        String target = assumed() ? last().roleArn() + " assumed with role '" + this.sso.roleName()
                + "' in account " + this.sso.accountId() : "role '" + this.sso.roleName() + "' in account "
                        + this.sso.accountId();
        return "role '" + this.name + "' (" + target + ")";
    }

    private AssumeRoleSpec last() {
        return this.assumeRoles.get(this.assumeRoles.size() - 1);
    }
}
