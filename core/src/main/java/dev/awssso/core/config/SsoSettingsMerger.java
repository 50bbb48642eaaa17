package dev.awssso.core.config;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * Merges {@code aws.sso.*} values with the config file, key by key: a property wins over the profile. The
 * {@code [sso-session]} named by the property or the profile supplies the start URL, SSO region and scopes when
 * they are not set otherwise (a start URL or region set in both places must agree, which the validator checks).
 */
final class SsoSettingsMerger {

    /** The scopes the AWS CLI registers with when none are configured. */
    private static final List<String> DEFAULT_SCOPES = List.of("sso:account:access");

    /**
     * Merges the values.
     * @param inline the property values
     * @param sections the parts of the config file to use
     * @return the merged, unvalidated settings
     */
    MergedSettings merge(InlineSsoSettings inline, ConfigSections sections) {
        Setting sessionName = Setting.first(Setting.ofProperty(ConfigKey.SESSION_NAME, inline.sessionName()),
                sections.profileSetting(ConfigKey.SESSION_NAME));
        Profile session = (sessionName != null) ? sections.ssoSession(sessionName.value()) : null;
        return new MergedSettings(sections, sessionName, session,
                portalSetting(ConfigKey.START_URL, inline.startUrl(), sections, session),
                portalSetting(ConfigKey.SSO_REGION, inline.ssoRegion(), sections, session),
                ownSetting(ConfigKey.ACCOUNT_ID, inline.accountId(), sections),
                ownSetting(ConfigKey.ROLE_NAME, inline.roleName(), sections),
                ownSetting(ConfigKey.REGION, inline.region(), sections),
                registrationScopes(inline, sections, session));
    }

    private static @Nullable Setting ownSetting(ConfigKey key, @Nullable String inlineValue,
            ConfigSections sections) {
        return Setting.first(Setting.ofProperty(key, inlineValue), sections.profileSetting(key));
    }

    private static PortalSetting portalSetting(ConfigKey key, @Nullable String inlineValue, ConfigSections sections,
            @Nullable Profile session) {
        return new PortalSetting(ownSetting(key, inlineValue, sections),
                sections.sessionSetting(session, key));
    }

    private static List<String> registrationScopes(InlineSsoSettings inline, ConfigSections sections,
            @Nullable Profile session) {
        if (inline.registrationScopes() != null) {
            return inline.registrationScopes();
        }
        Setting scopes = sections.sessionSetting(session, ConfigKey.REGISTRATION_SCOPES);
        List<String> parsed = (scopes != null) ? Arrays.stream(scopes.value().split(","))
            .map(String::trim)
            .filter((scope) -> !scope.isEmpty())
            .toList() : List.of();
        return parsed.isEmpty() ? DEFAULT_SCOPES : parsed;
    }
}
