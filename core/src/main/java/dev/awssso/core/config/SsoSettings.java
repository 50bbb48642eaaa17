package dev.awssso.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.awssso.core.internal.ShellWords;
import org.jspecify.annotations.Nullable;

/**
 * What identifies one IAM Identity Center sign-in and the role it is used for: the resolved, validated
 * result of {@code aws.sso.*} properties and the shared config file.
 *
 * @param source where the settings came from
 * @param sessionName name of the {@code [sso-session]} (refreshable form), or {@code null} for the legacy form
 *     whose token cache is keyed by the start URL
 * @param startUrl AWS access portal URL, for example {@code https://d-1234567890.awsapps.com/start}
 * @param ssoRegion region of the Identity Center portal and OIDC endpoints
 * @param accountId twelve-digit AWS account id of the role
 * @param roleName name of the permission set role
 * @param registrationScopes OAuth scopes used when registering a client for sign-in
 * @param region region for the application's AWS clients, or {@code null} when none is configured
 */
public record SsoSettings(SettingsSource source, @Nullable String sessionName, String startUrl, String ssoRegion,
        String accountId, String roleName, List<String> registrationScopes, @Nullable String region) {

    public SsoSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startUrl, "startUrl");
        Objects.requireNonNull(ssoRegion, "ssoRegion");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleName, "roleName");
        registrationScopes = List.copyOf(registrationScopes);
    }

    /**
     * Whether these settings use the legacy form (start URL in the profile, no sso-session), whose tokens
     * the AWS CLI issues without a refresh token.
     */
    public boolean legacy() {
        return this.sessionName == null;
    }

    /**
     * The string whose SHA-1 names the token cache file: the session name, or the start URL for the legacy
     * form.
     */
    public String cacheKey() {
        return legacy() ? this.startUrl : this.sessionName;
    }

    /**
     * The sign-in these settings stand for, in words for log lines and messages, for example
     * {@code sso-session 'corp' (profile 'dev' in /home/u/.aws/config)}.
     */
    public String describe() {
        String session = legacy() ? "start URL " + this.startUrl : "sso-session '" + this.sessionName + "'";
        return session + " (" + this.source + ")";
    }

    /**
     * The AWS CLI command that signs in to this session again.
     */
    public String signInCommand() {
        if (!legacy()) {
            return "aws sso login --sso-session " + ShellWords.quote(this.sessionName);
        }
        return (this.source.profileName() != null)
                ? "aws sso login --profile " + ShellWords.quote(this.source.profileName()) : "aws sso login";
    }

    /**
     * What to tell the user, once, about the legacy form: its token cannot be refreshed, and how to move to an
     * sso-session. Empty for the sso-session form.
     */
    public Optional<String> legacyAdvice() {
        if (!legacy()) {
            return Optional.empty();
        }
        String profile = this.source.profileName();
        if (profile != null) {
            return Optional.of("Profile '" + profile + "' in " + this.source.configFile() + " uses the legacy SSO "
                    + "form (sso_start_url in the profile, no sso_session): its access token cannot be refreshed, so "
                    + "\"" + signInCommand() + "\" is needed each time it expires (after 8 hours by default). To get "
                    + "refreshable tokens, move sso_start_url and sso_region into an [sso-session NAME] section with "
                    + "\"sso_registration_scopes = sso:account:access\", set \"sso_session = NAME\" in "
                    + ConfigSections.profileHeader(profile) + " and sign in once more with \"" + signInCommand()
                    + "\".");
        }
        return Optional.of("The SSO settings have no session name (legacy form): the access token cannot be "
                + "refreshed, so a new sign-in is needed each time it expires (after 8 hours by default). To get "
                + "refreshable tokens, set aws.sso.sso-session to NAME and add an [sso-session NAME] section with "
                + "sso_start_url, sso_region and \"sso_registration_scopes = sso:account:access\" to ~/.aws/config, "
                + "then sign in with \"aws sso login --sso-session NAME\".");
    }
}
