package dev.awssso.core.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.awssso.core.refresh.DurationWords;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values of one {@code AssumeRole} step as STS would, so that a mistake fails at start-up with its
 * fix rather than at the first call: the ARN's form, the session name and external id STS accepts, and a
 * duration within what AWS allows for role chaining (a role assumed with Identity Center role credentials).
 */
final class AssumeRoleChecks {

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /** STS's shortest session. */
    static final Duration MIN_DURATION = Duration.ofMinutes(15);

    /** The longest session of a role assumed with another role's credentials (role chaining). */
    static final Duration MAX_DURATION = Duration.ofHours(1);

    private AssumeRoleChecks() {
    }

    /**
     * The step, or {@code null} when a value is malformed (each problem added to {@code problems}).
     * @param role the name of the role, for messages
     * @param roleArn the role to assume
     * @param sessionName the session name, or {@code null} for {@code defaultSessionName}
     * @param duration the duration, or {@code null} for STS's default
     * @param origin where the step is configured
     */
    static @Nullable AssumeRoleSpec check(String role, Setting roleArn, @Nullable Setting sessionName,
            String defaultSessionName, @Nullable Setting externalId, @Nullable DurationSetting duration, String origin,
            List<ConfigurationProblem> problems) {
        int before = problems.size();
        if (!AssumeRoleSpec.isRoleArn(roleArn.value())) {
            problems.add(RoleProblems.malformedRoleArn(role, roleArn));
        }
        if (sessionName != null && !SESSION_NAME.matcher(sessionName.value()).matches()) {
            problems.add(RoleProblems.malformedSessionName(role, sessionName));
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId.value()).matches()) {
            problems.add(RoleProblems.malformedExternalId(role, externalId));
        }
        if (duration != null && !withinLimits(duration.value())) {
            problems.add(RoleProblems.durationOutOfRange(role, duration));
        }
        if (problems.size() > before) {
            return null;
        }
        return new AssumeRoleSpec(roleArn.value(), (sessionName != null) ? sessionName.value() : defaultSessionName,
                (externalId != null) ? externalId.value() : null, (duration != null) ? duration.value() : null, origin);
    }

    /**
     * The step of a role's {@code aws.sso.roles.NAME.assume-role.*}, or {@code null} when a value is missing or
     * malformed (each problem added to {@code problems}).
     * @param role the name of the role
     * @param assumeRole its raw values
     * @param defaultSessionName the session name where none is set
     */
    static @Nullable AssumeRoleSpec inline(String role, InlineRoleSettings.AssumeRole assumeRole,
            String defaultSessionName, List<ConfigurationProblem> problems) {
        if (assumeRole.roleArn() == null) {
            problems.add(RoleProblems.missingInlineRoleArn(role));
            return null;
        }
        String prefix = "assume-role.";
        return check(role, new Setting(assumeRole.roleArn(), RoleProblems.property(role, prefix + "role-arn")),
                property(role, prefix + "session-name", assumeRole.sessionName()), defaultSessionName,
                property(role, prefix + "external-id", assumeRole.externalId()),
                (assumeRole.duration() != null) ? new DurationSetting(assumeRole.duration(),
                        RoleProblems.property(role, prefix + "duration"), DurationWords.of(assumeRole.duration()))
                        : null,
                RoleProblems.property(role, "assume-role"), problems);
    }

    private static @Nullable Setting property(String role, String key, @Nullable String value) {
        return (value != null) ? new Setting(value, RoleProblems.property(role, key)) : null;
    }

    private static boolean withinLimits(Duration duration) {
        return duration.getNano() == 0 && duration.compareTo(MIN_DURATION) >= 0
                && duration.compareTo(MAX_DURATION) <= 0;
    }

    /**
     * A duration and where it was set.
     *
     * @param value the duration
     * @param origin where it was set
     * @param written how the user wrote it
     */
    record DurationSetting(Duration value, String origin, String written) {
    }
}
