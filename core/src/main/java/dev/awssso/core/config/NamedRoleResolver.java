package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the named roles of {@code aws.sso.roles.*} into {@link NamedRole}s: a role of the default role's
 * sign-in ({@code account-id} and {@code role-name}), a profile of the shared config file (an SSO profile, or a
 * {@code role_arn} and {@code source_profile} chain ending in one, read as the AWS CLI reads it), or the default
 * role itself, each with an optional {@code assume-role} on top. Every mistake of every role is collected into
 * one {@link SsoConfigurationException}, each with its fix.
 */
public final class NamedRoleResolver {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final AwsPaths paths;

    private final SharedConfigReader reader = new SharedConfigReader();

    private final ProfileChainResolver chains;

    private final String defaultSessionName;

    /**
     * Creates a resolver for the given environment.
     * @param environment environment variables, such as {@link System#getenv()}; {@code AWS_CONFIG_FILE} and
     *     {@code HOME} are used
     * @param userHome the value of the {@code user.home} system property
     * @param userName the value of the {@code user.name} system property, for the default role session name
     */
    public NamedRoleResolver(Map<String, String> environment, String userHome, String userName) {
        this.paths = new AwsPaths(environment, userHome);
        this.defaultSessionName = AssumeRoleSpec.defaultSessionName(userName);
        this.chains = new ProfileChainResolver(new SsoSettingsResolver(environment, userHome), this.defaultSessionName);
    }

    /** A resolver for the environment variables, {@code user.home} and {@code user.name} of this JVM. */
    public static NamedRoleResolver fromSystem() {
        return new NamedRoleResolver(System.getenv(), System.getProperty("user.home"),
                System.getProperty("user.name", ""));
    }

    /**
     * Resolves the roles.
     * @param defaultRole the resolved default role, whose sign-in roles given by account id and role name use
     * @param inline the {@code aws.sso.*} values of the default role; its config file is the one profiles are
     *     read from
     * @param roles the roles, in the order they are configured
     * @return the roles in the same order, the default role not among them
     * @throws SsoConfigurationException with every problem found
     */
    public List<NamedRole> resolve(SsoSettings defaultRole, InlineSsoSettings inline, List<InlineRoleSettings> roles) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        checkNames(roles, problems);
        ProfileSource profiles = new ProfileSource(inline.configFile());
        List<NamedRole> resolved = new ArrayList<>();
        for (InlineRoleSettings role : roles) {
            NamedRole named = resolve(role, defaultRole, profiles, problems);
            if (named != null) {
                resolved.add(named);
            }
        }
        checkSessions(defaultRole, resolved, problems);
        if (!problems.isEmpty()) {
            throw new SsoConfigurationException(problems);
        }
        return List.copyOf(resolved);
    }

    private @Nullable NamedRole resolve(InlineRoleSettings role, SsoSettings defaultRole, ProfileSource profiles,
            List<ConfigurationProblem> problems) {
        String name = role.name();
        ProfileChainResolver.Chain base = base(role, defaultRole, profiles, problems);
        InlineRoleSettings.AssumeRole assumeRole = role.assumeRole();
        if (assumeRole == null) {
            return (base != null) ? new NamedRole(name, base.sso(), base.assumeRoles()) : null;
        }
        AssumeRoleSpec step = AssumeRoleChecks.inline(name, assumeRole, this.defaultSessionName, problems);
        if (base == null || step == null) {
            return null;
        }
        return new NamedRole(name, base.sso(), Stream.concat(base.assumeRoles().stream(), Stream.of(step)).toList());
    }

    /** What the role's own credentials come from, before its {@code assume-role}. */
    private ProfileChainResolver.@Nullable Chain base(InlineRoleSettings role, SsoSettings defaultRole,
            ProfileSource profiles, List<ConfigurationProblem> problems) {
        String name = role.name();
        boolean ssoRole = role.accountId() != null || role.roleName() != null;
        if (role.profile() != null) {
            if (ssoRole) {
                problems.add(RoleProblems.profileAndRole(name));
                return null;
            }
            return profiles.chain(name, role.profile(), problems);
        }
        if (!ssoRole) {
            if (role.assumeRole() == null) {
                problems.add(RoleProblems.empty(name));
                return null;
            }
            return new ProfileChainResolver.Chain(defaultRole, List.of());
        }
        int before = problems.size();
        if (role.accountId() == null) {
            problems.add(RoleProblems.missingRoleKey(name, "account-id", "role-name"));
        }
        else if (!ACCOUNT_ID.matcher(role.accountId()).matches()) {
            problems.add(RoleProblems.malformedAccountId(name,
                    new Setting(role.accountId(), RoleProblems.property(name, "account-id"))));
        }
        if (role.roleName() == null) {
            problems.add(RoleProblems.missingRoleKey(name, "role-name", "account-id"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ProfileChainResolver.Chain(new SsoSettings(defaultRole.source(), defaultRole.sessionName(),
                defaultRole.startUrl(), defaultRole.ssoRegion(), role.accountId(), role.roleName(),
                defaultRole.registrationScopes(), defaultRole.region()), List.of());
    }

    static void checkNames(List<InlineRoleSettings> roles, List<ConfigurationProblem> problems) {
        Map<String, String> seen = new HashMap<>();
        for (InlineRoleSettings role : roles) {
            String name = role.name();
            if (!NamedRole.isValidName(name)) {
                problems.add(RoleProblems.invalidName(name));
            }
            else if (name.equalsIgnoreCase(NamedRole.DEFAULT_NAME)) {
                problems.add(RoleProblems.reservedName(name));
            }
            String other = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                problems.add(RoleProblems.duplicateName(name, other));
            }
        }
    }

    /**
     * Roles that share a token cache (the same sso-session, or the same start URL in the legacy form) share one
     * sign-in, so they must agree on where it signs in.
     */
    private static void checkSessions(SsoSettings defaultRole, List<NamedRole> roles,
            List<ConfigurationProblem> problems) {
        Map<String, SsoSettings> sessions = new LinkedHashMap<>();
        sessions.put(defaultRole.cacheKey(), defaultRole);
        for (NamedRole role : roles) {
            SsoSettings settings = role.sso();
            SsoSettings first = sessions.putIfAbsent(settings.cacheKey(), settings);
            if (first == null) {
                continue;
            }
            if (!first.startUrl().equalsIgnoreCase(settings.startUrl())) {
                problems.add(RoleProblems.otherSession(role.name(), settings, first, "start URL"));
            }
            if (!first.ssoRegion().equalsIgnoreCase(settings.ssoRegion())) {
                problems.add(RoleProblems.otherSession(role.name(), settings, first, "SSO region"));
            }
        }
    }

    /** The config file that roles with a profile read, read once when the first such role asks. */
    private final class ProfileSource {

        private final @Nullable String configFile;

        private final Path file;

        private @Nullable SharedConfigRead read;

        ProfileSource(@Nullable String configFile) {
            this.configFile = configFile;
            this.file = (configFile != null) ? NamedRoleResolver.this.paths.expand(configFile)
                    : NamedRoleResolver.this.paths.configFile();
        }

        ProfileChainResolver.@Nullable Chain chain(String role, String profile, List<ConfigurationProblem> problems) {
            if (this.read == null) {
                this.read = NamedRoleResolver.this.reader.read(this.file);
                if (this.read.problem() != null) {
                    problems.add(this.read.problem());
                }
            }
            if (this.read.problem() != null) {
                return null;
            }
            return NamedRoleResolver.this.chains.resolve(role, profile, this.configFile, this.file,
                    this.read.config(), problems);
        }
    }
}
