package dev.awssso.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * Resolves the named roles of {@code aws.sso.roles.*} of an application that signs in with {@code aws login}: a
 * role assumed with the session's credentials ({@code assume-role} alone), or a profile of the shared config file
 * (the {@code aws login} profile itself, or a {@code role_arn} and {@code source_profile} chain ending in it, read
 * as the AWS CLI reads it), each with an optional {@code assume-role} on top. Every mistake of every role is
 * collected into one {@link SsoConfigurationException}, each with its fix.
 */
public final class LoginSessionRoleResolver {

    private final SharedConfigReader reader = new SharedConfigReader();

    private final String defaultSessionName;

    /**
     * @param userName the value of the {@code user.name} system property, for the default role session name
     */
    public LoginSessionRoleResolver(String userName) {
        this.defaultSessionName = AssumeRoleSpec.defaultSessionName(userName);
    }

    /**
     * Resolves the roles.
     * @param session the {@code aws login} profile the application signs in with; profiles are read from its
     *     config file
     * @param roles the roles, in the order they are configured
     * @return the roles in the same order
     * @throws SsoConfigurationException with every problem found
     */
    public List<LoginSessionRole> resolve(LoginSessionSettings session, List<InlineRoleSettings> roles) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        NamedRoleResolver.checkNames(roles, problems);
        SharedConfigRead read = null;
        List<LoginSessionRole> resolved = new ArrayList<>();
        for (InlineRoleSettings role : roles) {
            if (role.profile() != null && read == null) {
                read = this.reader.read(session.configFile());
                if (read.problem() != null) {
                    problems.add(read.problem());
                }
            }
            LoginSessionRole named = resolve(role, session, read, problems);
            if (named != null) {
                resolved.add(named);
            }
        }
        if (!problems.isEmpty()) {
            throw new SsoConfigurationException(problems);
        }
        return List.copyOf(resolved);
    }

    private @Nullable LoginSessionRole resolve(InlineRoleSettings role, LoginSessionSettings session,
            @Nullable SharedConfigRead read, List<ConfigurationProblem> problems) {
        String name = role.name();
        List<AssumeRoleSpec> base = base(role, session, read, problems);
        InlineRoleSettings.AssumeRole assumeRole = role.assumeRole();
        if (assumeRole == null) {
            return (base != null) ? new LoginSessionRole(name, base) : null;
        }
        AssumeRoleSpec step = AssumeRoleChecks.inline(name, assumeRole, this.defaultSessionName, problems);
        if (base == null || step == null) {
            return null;
        }
        return new LoginSessionRole(name, Stream.concat(base.stream(), Stream.of(step)).toList());
    }

    /** The roles assumed before the role's own {@code assume-role}, or {@code null} with the problems added. */
    private @Nullable List<AssumeRoleSpec> base(InlineRoleSettings role, LoginSessionSettings session,
            @Nullable SharedConfigRead read, List<ConfigurationProblem> problems) {
        String name = role.name();
        if (role.accountId() != null || role.roleName() != null) {
            problems.add(RoleProblems.identityCenterRoleOfLoginSession(name, session));
            return null;
        }
        if (role.profile() == null) {
            if (role.assumeRole() == null) {
                problems.add(RoleProblems.empty(name));
                return null;
            }
            return List.of();
        }
        if (read == null || read.problem() != null) {
            return null;
        }
        ProfileChainResolver.Walk walk = ProfileChainResolver.walk(name, role.profile(), session.configFile(),
                read.config(), this.defaultSessionName, problems);
        if (walk == null) {
            return null;
        }
        if (!isSession(walk.section(), session)) {
            problems.add(RoleProblems.notTheLoginSession(name, walk.profile(), session));
            return null;
        }
        return walk.usable() ? walk.assumeRoles() : null;
    }

    /** Whether {@code section} is an {@code aws login} profile of the principal {@code session} signs in as. */
    private static boolean isSession(Profile section, LoginSessionSettings session) {
        return !SsoSettingsResolver.isSsoProfile(section) && section.property("login_session").map(String::trim)
            .filter(session.loginSession()::equals).isPresent();
    }
}
