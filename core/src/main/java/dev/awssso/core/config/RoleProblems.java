package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The wording of every {@link ConfigurationProblem} of named roles ({@code aws.sso.roles.*}) and of the profile
 * chains they name. Each names the role, and the property or the profile and file involved.
 */
final class RoleProblems {

    private static final String EXAMPLE_ROLE_ARN = "arn:aws:iam::555566667777:role/Deployer";

    private RoleProblems() {
    }

    static String property(String role, String key) {
        return "aws.sso.roles." + role + "." + key;
    }

    static ConfigurationProblem invalidName(String role) {
        return new ConfigurationProblem("Role name \"" + role + "\" (aws.sso.roles." + role + ") cannot be used as a"
                + " bean qualifier, metric tag and path segment",
                "rename it: start with a letter, then letters, digits and hyphens, at most 64 characters, such as"
                        + " \"tools\" or \"deploy-prod\".");
    }

    static ConfigurationProblem reservedName(String role) {
        return new ConfigurationProblem("Role name \"" + role + "\" (aws.sso.roles." + role + ") is taken: \""
                + NamedRole.DEFAULT_NAME + "\" names the default role (aws.sso.profile, or aws.sso.account-id and"
                + " aws.sso.role-name)", "give the role another name.");
    }

    static ConfigurationProblem duplicateName(String role, String other) {
        String names = role.equals(other) ? "Two roles are named \"" + role + "\""
                : "Roles \"" + other + "\" and \"" + role + "\" differ only in case";
        return new ConfigurationProblem(names + " (aws.sso.roles)", "give each role its own name.");
    }

    static ConfigurationProblem profileAndRole(String role) {
        return new ConfigurationProblem("Role '" + role + "' sets both " + property(role, "profile") + " and "
                + property(role, "account-id") + "/" + property(role, "role-name"),
                "keep either the profile, or the account id and role name of a role of the default sign-in.");
    }

    static ConfigurationProblem missingRoleKey(String role, String missing, String present) {
        return new ConfigurationProblem("Role '" + role + "' sets " + property(role, present) + " but not "
                + property(role, missing), "set " + property(role, missing) + " too.");
    }

    static ConfigurationProblem empty(String role) {
        return new ConfigurationProblem("Role '" + role + "' sets nothing",
                "set " + property(role, "profile") + ", or " + property(role, "account-id") + " and "
                        + property(role, "role-name") + ", or " + property(role, "assume-role.role-arn") + ".");
    }

    static ConfigurationProblem missingInlineRoleArn(String role) {
        return new ConfigurationProblem("Role '" + role + "' has an assume-role without a role ARN",
                "set " + property(role, "assume-role.role-arn") + ", such as " + EXAMPLE_ROLE_ARN + ".");
    }

    static ConfigurationProblem malformedAccountId(String role, Setting setting) {
        return new ConfigurationProblem("Role '" + role + "': malformed account id \"" + setting.value() + "\" ("
                + setting.origin() + ")", "use the twelve-digit AWS account id, such as 111122223333 (quote it in"
                        + " YAML so that leading zeros are kept).");
    }

    static ConfigurationProblem malformedRoleArn(String role, Setting setting) {
        return new ConfigurationProblem("Role '" + role + "': malformed role ARN \"" + setting.value() + "\" ("
                + setting.origin() + ")", "use the ARN of the role to assume, such as " + EXAMPLE_ROLE_ARN + ".");
    }

    static ConfigurationProblem malformedSessionName(String role, Setting setting) {
        return new ConfigurationProblem("Role '" + role + "': role session name \"" + setting.value() + "\" ("
                + setting.origin() + ") is not one STS accepts",
                "use 2 to 64 letters, digits and the characters + = , . @ _ -, such as \"my-app\".");
    }

    static ConfigurationProblem malformedExternalId(String role, Setting setting) {
        return new ConfigurationProblem("Role '" + role + "': the external id (" + setting.origin()
                + ") is not one STS accepts", "use 2 to 1224 letters, digits and the characters + = , . @ : / _ -.");
    }

    static ConfigurationProblem durationOutOfRange(String role, AssumeRoleChecks.DurationSetting duration) {
        return new ConfigurationProblem("Role '" + role + "': duration " + duration.written() + " ("
                + duration.origin() + ") is not a whole number of seconds from 15 minutes to 1 hour, which is what"
                + " AWS allows for a role assumed with another role's credentials (role chaining)",
                "set it from 15m to 1h (900 to 3600 seconds), or remove it for 1 hour.");
    }

    static ConfigurationProblem malformedDurationSeconds(String role, Setting setting) {
        return new ConfigurationProblem("Role '" + role + "': duration_seconds \"" + setting.value() + "\" ("
                + setting.origin() + ") is not a number of seconds", "use a number from 900 to 3600.");
    }

    static ConfigurationProblem unknownProfile(String role, String profile, String referredBy, Path file,
            @Nullable List<String> existing) {
        String header = ConfigSections.profileHeader(profile);
        String where = (existing != null) ? "no " + header + " section in " + file + " (profiles defined there: "
                + (existing.isEmpty() ? "none" : String.join(", ", existing)) + ")" : file + " does not exist";
        return new ConfigurationProblem("Role '" + role + "': unknown profile \"" + profile + "\" (" + referredBy
                + "): " + where, "add " + header + ", for example with \"aws configure sso --profile " + profile
                        + "\", or correct " + referredBy + ".");
    }

    static ConfigurationProblem loop(String role, List<String> profiles, Path file) {
        return new ConfigurationProblem("Role '" + role + "': the source_profile chain in " + file + " loops ("
                + String.join(" -> ", profiles) + ")", "point the source_profile of the last profile of the chain at"
                        + " an SSO profile (one with sso_session, or sso_start_url, sso_account_id and sso_role_name).");
    }

    static ConfigurationProblem notSso(String role, String profile, Path file) {
        return new ConfigurationProblem("Role '" + role + "': the profile chain ends in "
                + ConfigSections.profileHeader(profile) + " of " + file + ", which is not an SSO profile (it has no"
                + " sso_* key and no role_arn)", "point the chain's last source_profile at an SSO profile; static"
                        + " keys, credential_process and the other credential sources are not used by aws.sso.roles.");
    }

    static ConfigurationProblem notTheLoginSession(String role, String profile, LoginSessionSettings session) {
        return new ConfigurationProblem("Role '" + role + "': the profile chain ends in "
                + ConfigSections.profileHeader(profile) + " of " + session.configFile() + ", which is not the aws"
                + " login profile the application signs in with (" + session.describe() + ")",
                "point the chain's last source_profile at " + ConfigSections.profileHeader(session.profileName())
                        + "; a role of another sign-in needs that sign-in as the application's (aws.sso.profile).");
    }

    static ConfigurationProblem identityCenterRoleOfLoginSession(String role, LoginSessionSettings session) {
        return new ConfigurationProblem("Role '" + role + "' names an IAM Identity Center role (" + property(role,
                "account-id") + " and " + property(role, "role-name") + "), but the application signs in with aws"
                + " login (" + session.describe() + "), which has no Identity Center roles",
                "remove them and set " + property(role, "assume-role.role-arn") + " to assume a role with the"
                        + " session's credentials, or " + property(role, "profile") + " to a profile with role_arn"
                        + " and \"source_profile = " + session.profileName() + "\".");
    }

    static ConfigurationProblem missingSourceProfile(String role, String profile, Path file) {
        return new ConfigurationProblem("Role '" + role + "': " + ConfigSections.profileHeader(profile) + " of " + file
                + " sets role_arn but no source_profile", "add \"source_profile = <an SSO profile>\" to "
                        + ConfigSections.profileHeader(profile) + ".");
    }

    static ConfigurationProblem unsupported(String role, String profile, Path file, String key, String why) {
        return new ConfigurationProblem("Role '" + role + "': " + ConfigSections.profileHeader(profile) + " of " + file
                + " sets " + key + ", which aws.sso.roles does not support (" + why + ")",
                "remove " + key + " and give the role a source_profile chain that ends in an SSO profile, or use"
                        + " another profile.");
    }

    /**
     * A problem of the SSO profile a role uses, naming the role; fixes that set an {@code aws.sso.*} property are
     * left out, since that property configures the default role.
     */
    static ConfigurationProblem ofProfile(String role, ConfigurationProblem problem) {
        String action = problem.action()
            .replaceFirst("^set aws\\.sso\\.[a-z-]+, or ", "")
            .replaceFirst(", or set aws\\.sso\\.[a-z-]+ instead\\.$", ".");
        return new ConfigurationProblem("Role '" + role + "': " + problem.description(), action);
    }

    static ConfigurationProblem otherSession(String role, SsoSettings settings, SsoSettings first, String key) {
        return new ConfigurationProblem("Role '" + role + "' signs in to " + settings.describe() + " with another "
                + key + " than the roles of " + first.describe() + " that share its token cache",
                "make the " + key + " of both the same, or give the sso-sessions different names.");
    }
}
