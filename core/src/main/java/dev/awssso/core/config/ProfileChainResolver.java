package dev.awssso.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * Follows a profile of the shared config file to the profile its credentials come from, as the AWS CLI does: a
 * profile with {@code role_arn} is assumed with the credentials of its {@code source_profile} (with its own
 * {@code external_id}, {@code role_session_name} and {@code duration_seconds}), which may itself be such a profile,
 * to any depth; the chain ends in an SSO profile, or (see {@link #walk}) in an {@code aws login} profile. As in the
 * CLI, {@code role_arn} wins over {@code sso_*} keys in the same profile. {@code credential_source},
 * {@code web_identity_token_file} and {@code mfa_serial} are not supported and reported as such.
 */
final class ProfileChainResolver {

    private final SsoSettingsResolver ssoResolver;

    private final String defaultSessionName;

    ProfileChainResolver(SsoSettingsResolver ssoResolver, String defaultSessionName) {
        this.ssoResolver = ssoResolver;
        this.defaultSessionName = defaultSessionName;
    }

    /**
     * The SSO role and the roles assumed on top of it that {@code profile} stands for, or {@code null} with the
     * problems added to {@code problems}.
     * @param role the name of the role, for messages
     * @param profile the profile the role names
     * @param configFile the config file as {@code aws.sso.config-file} gives it, or {@code null}
     * @param file the config file, resolved
     * @param config the parsed file, or {@code null} when it does not exist
     */
    @Nullable Chain resolve(String role, String profile, @Nullable String configFile, Path file,
            @Nullable SharedConfig config, List<ConfigurationProblem> problems) {
        Walk walk = walk(role, profile, file, config, problems);
        if (walk == null) {
            return null;
        }
        Chain chain = ssoEnd(role, walk.profile(), configFile, file, walk.section(), walk.assumeRoles(), problems);
        return walk.usable() ? chain : null;
    }

    /**
     * Follows {@code profile}'s {@code role_arn} and {@code source_profile} chain to the profile without
     * {@code role_arn} it ends in, or returns {@code null} with the problems added to {@code problems}.
     * @param role the name of the role, for messages
     * @param profile the profile the role names
     * @param file the config file, resolved
     * @param config the parsed file, or {@code null} when it does not exist
     * @param defaultSessionName the role session name of a profile that sets no {@code role_session_name}
     */
    static @Nullable Walk walk(String role, String profile, Path file, @Nullable SharedConfig config,
            String defaultSessionName, List<ConfigurationProblem> problems) {
        List<AssumeRoleSpec> steps = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        String referredBy = RoleProblems.property(role, "profile");
        String current = profile;
        boolean usable = true;
        while (visited.add(current)) {
            Profile section = (config != null) ? config.profile(current).orElse(null) : null;
            if (section == null) {
                problems.add(RoleProblems.unknownProfile(role, current, referredBy, file,
                        (config != null) ? config.profileNames() : null));
                return null;
            }
            if (property(section, "role_arn").isEmpty()) {
                return new Walk(current, section, List.copyOf(steps), usable);
            }
            usable &= supported(role, current, file, section, problems);
            AssumeRoleSpec step = step(role, current, file, section, defaultSessionName, problems);
            usable &= step != null;
            if (step != null) {
                steps.add(0, step);
            }
            Optional<String> source = property(section, "source_profile");
            if (source.isEmpty()) {
                if (property(section, "credential_source").isEmpty()) {
                    problems.add(RoleProblems.missingSourceProfile(role, current, file));
                }
                return null;
            }
            referredBy = "source_profile in " + ConfigSections.profileHeader(current) + " of " + file;
            current = source.get();
        }
        List<String> loop = new ArrayList<>(visited);
        loop.add(current);
        problems.add(RoleProblems.loop(role, loop, file));
        return null;
    }

    private @Nullable Walk walk(String role, String profile, Path file, @Nullable SharedConfig config,
            List<ConfigurationProblem> problems) {
        return walk(role, profile, file, config, this.defaultSessionName, problems);
    }

    private @Nullable Chain ssoEnd(String role, String profile, @Nullable String configFile, Path file,
            Profile section, List<AssumeRoleSpec> steps, List<ConfigurationProblem> problems) {
        if (!SsoSettingsResolver.isSsoProfile(section)) {
            problems.add(RoleProblems.notSso(role, profile, file));
            return null;
        }
        try {
            SsoSettings sso = this.ssoResolver.resolve(new InlineSsoSettings(profile, configFile, null, null, null,
                    null, null, null, null)).orElseThrow();
            return new Chain(sso, steps);
        }
        catch (SsoConfigurationException ex) {
            ex.problems().forEach((problem) -> problems.add(RoleProblems.ofProfile(role, problem)));
            return null;
        }
    }

    private static boolean supported(String role, String profile, Path file, Profile section,
            List<ConfigurationProblem> problems) {
        int before = problems.size();
        if (property(section, "mfa_serial").isPresent()) {
            problems.add(RoleProblems.unsupported(role, profile, file, "mfa_serial",
                    "a role that needs an MFA code cannot be refreshed in the background"));
        }
        if (property(section, "credential_source").isPresent()) {
            problems.add(RoleProblems.unsupported(role, profile, file, "credential_source",
                    "only source_profile chains that end in an SSO profile are"));
        }
        if (property(section, "web_identity_token_file").isPresent()) {
            problems.add(RoleProblems.unsupported(role, profile, file, "web_identity_token_file",
                    "only source_profile chains that end in an SSO profile are"));
        }
        return problems.size() == before;
    }

    private static @Nullable AssumeRoleSpec step(String role, String profile, Path file, Profile section,
            String defaultSessionName, List<ConfigurationProblem> problems) {
        String header = ConfigSections.profileHeader(profile);
        Setting durationSeconds = setting(section, "duration_seconds", header, file);
        AssumeRoleChecks.DurationSetting duration = null;
        if (durationSeconds != null) {
            try {
                duration = new AssumeRoleChecks.DurationSetting(
                        Duration.ofSeconds(Long.parseLong(durationSeconds.value())), durationSeconds.origin(),
                        durationSeconds.value() + " seconds");
            }
            catch (NumberFormatException ex) {
                problems.add(RoleProblems.malformedDurationSeconds(role, durationSeconds));
                return null;
            }
        }
        Setting roleArn = Objects.requireNonNull(setting(section, "role_arn", header, file), "role_arn");
        return AssumeRoleChecks.check(role, roleArn, setting(section, "role_session_name", header, file),
                defaultSessionName, setting(section, "external_id", header, file), duration,
                "role_arn in " + header + " of " + file, problems);
    }

    private static Optional<String> property(Profile section, String key) {
        return section.property(key).filter((value) -> !value.isBlank()).map(String::trim);
    }

    private static @Nullable Setting setting(Profile section, String key, String header, Path file) {
        return property(section, key).map((value) -> new Setting(value, key + " in " + header + " of " + file))
            .orElse(null);
    }

    /**
     * Where a profile chain ends.
     *
     * @param profile the profile it ends in, which has no {@code role_arn}
     * @param section that profile's section
     * @param assumeRoles the roles assumed in turn, the one nearest to that profile first
     * @param usable whether every step could be used; when not, the problems are reported already
     */
    record Walk(String profile, Profile section, List<AssumeRoleSpec> assumeRoles, boolean usable) {
    }

    /**
     * What a profile stands for.
     *
     * @param sso the SSO profile's settings, where the chain starts
     * @param assumeRoles the roles assumed in turn, the one nearest to the SSO profile first
     */
    record Chain(SsoSettings sso, List<AssumeRoleSpec> assumeRoles) {
    }
}
