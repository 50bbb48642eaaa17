package dev.awssso.core.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The raw {@code aws.sso.roles.NAME.*} values of one named role, before they are resolved. Blank strings count as
 * unset and values are trimmed. A role is either a profile of the config file ({@code profile}), or a role of the
 * default role's sign-in ({@code account-id} and {@code role-name}), or, with neither, the default role itself;
 * an {@code assume-role} is assumed on top of any of them.
 *
 * @param name the role's name, the key under {@code aws.sso.roles}
 * @param profile a profile of the config file: an SSO profile, or a chain of {@code role_arn} and
 *     {@code source_profile} ending in one ({@code aws.sso.roles.NAME.profile})
 * @param accountId account of an Identity Center role of the default sign-in ({@code aws.sso.roles.NAME.account-id})
 * @param roleName name of that role ({@code aws.sso.roles.NAME.role-name})
 * @param assumeRole a role assumed with the credentials of the role above, or {@code null}
 */
public record InlineRoleSettings(String name, @Nullable String profile, @Nullable String accountId,
        @Nullable String roleName, @Nullable AssumeRole assumeRole) {

    /** Trims the values and turns blank ones into {@code null}. */
    public InlineRoleSettings {
        name = name.trim();
        profile = clean(profile);
        accountId = clean(accountId);
        roleName = clean(roleName);
    }

    static @Nullable String clean(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /**
     * The raw {@code aws.sso.roles.NAME.assume-role.*} values.
     *
     * @param roleArn the role to assume ({@code role-arn})
     * @param sessionName the role session name ({@code session-name}); default: {@code aws-sso-} and the user name
     * @param externalId the external id the role's trust policy asks for ({@code external-id})
     * @param duration how long the credentials last, 15 minutes to one hour ({@code duration}); default one hour
     */
    public record AssumeRole(@Nullable String roleArn, @Nullable String sessionName, @Nullable String externalId,
            @Nullable Duration duration) {

        /** Trims the values and turns blank ones into {@code null}. */
        public AssumeRole {
            roleArn = clean(roleArn);
            sessionName = clean(sessionName);
            externalId = clean(externalId);
        }
    }
}
