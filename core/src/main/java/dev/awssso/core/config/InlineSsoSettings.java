package dev.awssso.core.config;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The raw {@code aws.sso.*} values a user may set, before they are merged with the shared config file. Blank
 * strings count as unset and values are trimmed.
 *
 * @param profile profile to read from the config file ({@code aws.sso.profile})
 * @param configFile path of the config file, may start with {@code ~} ({@code aws.sso.config-file})
 * @param sessionName name of an {@code [sso-session]} ({@code aws.sso.sso-session})
 * @param startUrl AWS access portal URL ({@code aws.sso.start-url})
 * @param ssoRegion region of the Identity Center portal ({@code aws.sso.sso-region})
 * @param accountId twelve-digit account id of the role ({@code aws.sso.account-id})
 * @param roleName name of the permission set role ({@code aws.sso.role-name})
 * @param registrationScopes OAuth scopes used when registering a client ({@code aws.sso.registration-scopes})
 * @param region region for the application's AWS clients ({@code aws.sso.region})
 */
public record InlineSsoSettings(@Nullable String profile, @Nullable String configFile, @Nullable String sessionName,
        @Nullable String startUrl, @Nullable String ssoRegion, @Nullable String accountId, @Nullable String roleName,
        @Nullable List<String> registrationScopes, @Nullable String region) {

    private static final InlineSsoSettings NONE = new InlineSsoSettings(null, null, null, null, null, null, null,
            null, null);

    /** Trims the values and turns blank ones into {@code null}. */
    public InlineSsoSettings {
        profile = clean(profile);
        configFile = clean(configFile);
        sessionName = clean(sessionName);
        startUrl = clean(startUrl);
        ssoRegion = clean(ssoRegion);
        accountId = clean(accountId);
        roleName = clean(roleName);
        registrationScopes = clean(registrationScopes);
        region = clean(region);
    }

    /**
     * Settings with no value set.
     */
    public static InlineSsoSettings none() {
        return NONE;
    }

    /**
     * Whether any value that asks for IAM Identity Center is set: profile, session name, start URL, SSO region,
     * account id or role name. The config file, scopes and client region alone do not count.
     */
    public boolean requestsSso() {
        return this.profile != null || this.sessionName != null || this.startUrl != null || this.ssoRegion != null
                || this.accountId != null || this.roleName != null;
    }

    private static @Nullable String clean(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    private static @Nullable List<String> clean(@Nullable List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> scopes = values.stream().map(InlineSsoSettings::clean).filter(Objects::nonNull).toList();
        return scopes.isEmpty() ? null : scopes;
    }
}
