package dev.awssso.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One STS {@code AssumeRole} call of a named role: the role to assume with the credentials of the step
 * before, and how. Resolved from {@code aws.sso.roles.NAME.assume-role.*} or from a profile's {@code role_arn},
 * {@code role_session_name}, {@code external_id} and {@code duration_seconds}.
 *
 * @param roleArn the role to assume, {@code arn:aws:iam::ACCOUNT:role/NAME}
 * @param sessionName the role session name, the last part of the assumed-role ARN and what CloudTrail shows
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param duration how long the credentials last, or {@code null} for STS's default (one hour)
 * @param origin where it was configured, for messages, such as {@code aws.sso.roles.deploy.assume-role} or
 *     {@code role_arn in [profile audit] of /home/u/.aws/config}
 */
public record AssumeRoleSpec(String roleArn, String sessionName, @Nullable String externalId,
        @Nullable Duration duration, String origin) {

    /** The longest role session name STS accepts. */
    private static final int SESSION_NAME_LIMIT = 64;

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    /**
     * Checks that the parts are present and the role ARN is one.
     * @throws IllegalArgumentException when {@code roleArn} is not a role ARN
     */
    public AssumeRoleSpec {
        Objects.requireNonNull(roleArn, "roleArn");
        if (!isRoleArn(roleArn)) {
            throw new IllegalArgumentException("Not a role ARN: " + roleArn);
        }
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether {@code roleArn} is the ARN of a role, {@code arn:aws:iam::ACCOUNT:role/NAME}. */
    static boolean isRoleArn(String roleArn) {
        return ROLE_ARN.matcher(roleArn).matches();
    }

    /** The account of the assumed role: the fifth part of its ARN. */
    public String accountId() {
        return this.roleArn.split(":", 6)[4];
    }

    /** The name of the assumed role: the last part of its ARN, after any path. */
    public String roleName() {
        return this.roleArn.substring(this.roleArn.lastIndexOf('/') + 1);
    }

    /**
     * The role session name used when none is configured: {@code aws-sso-} and the operating system's user name,
     * with characters STS does not accept replaced by {@code -}, at most 64 characters; so that CloudTrail tells
     * who ran the application.
     * @param userName the {@code user.name} of the JVM
     */
    public static String defaultSessionName(String userName) {
        String cleaned = userName.toLowerCase(Locale.ROOT).replaceAll("[^\\w+=,.@-]", "-");
        String name = cleaned.isEmpty() ? "aws-sso" : "aws-sso-" + cleaned;
        return (name.length() > SESSION_NAME_LIMIT) ? name.substring(0, SESSION_NAME_LIMIT) : name;
    }

    @Override
    public String toString() {
        return "AssumeRoleSpec[roleArn=" + this.roleArn + ", sessionName=" + this.sessionName + ", externalId="
                + ((this.externalId != null) ? "(set)" : "(none)") + ", duration=" + this.duration + "]";
    }
}
