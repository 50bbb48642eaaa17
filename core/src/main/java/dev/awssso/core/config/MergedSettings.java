package dev.awssso.core.config;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * Settings merged from the properties and the config file, not yet validated.
 *
 * @param sections the parts of the config file the settings were taken from
 * @param sessionName the sso-session in use, or {@code null} for the legacy form
 * @param session the {@code [sso-session]} section of that name, or {@code null} when there is none
 * @param startUrl the AWS access portal URL
 * @param ssoRegion the region of the portal
 * @param accountId the account id, or {@code null}
 * @param roleName the role name, or {@code null}
 * @param region the region for AWS clients, or {@code null}
 * @param registrationScopes the OAuth scopes for client registration
 */
record MergedSettings(ConfigSections sections, @Nullable Setting sessionName, @Nullable Profile session,
        PortalSetting startUrl, PortalSetting ssoRegion, @Nullable Setting accountId, @Nullable Setting roleName,
        @Nullable Setting region, List<String> registrationScopes) {

    /**
     * The settings, once validation found no problem.
     * @throws NullPointerException when a required setting is missing
     */
    SsoSettings toSsoSettings() {
        SettingsSource source = (this.sections.profile() != null)
                ? new SettingsSource(this.sections.profileName(), this.sections.file()) : SettingsSource.PROPERTIES;
        return new SsoSettings(source, value(this.sessionName), required(this.startUrl.effective()),
                required(this.ssoRegion.effective()), required(this.accountId), required(this.roleName),
                this.registrationScopes, value(this.region));
    }

    private static @Nullable String value(@Nullable Setting setting) {
        return (setting != null) ? setting.value() : null;
    }

    private static String required(@Nullable Setting setting) {
        return Objects.requireNonNull(setting, "setting").value();
    }
}
