package dev.awssso.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds every problem of merged settings: misplaced and conflicting keys, an unknown sso-session, missing keys and
 * malformed values.
 */
final class SsoSettingsValidator {

    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /**
     * Validates the settings.
     * @param merged the merged settings
     * @param checkCompleteness whether to report missing settings and an unknown sso-session; {@code false} when
     *     the config file or profile could not be read, which already explains them
     * @return the problems found, empty when the settings are usable
     */
    List<ConfigurationProblem> validate(MergedSettings merged, boolean checkCompleteness) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        checkSessionSection(merged, problems);
        checkConflict(ConfigKey.START_URL, merged.startUrl(), problems);
        checkConflict(ConfigKey.SSO_REGION, merged.ssoRegion(), problems);
        if (checkCompleteness) {
            checkComplete(merged, problems);
        }
        checkFormats(merged, problems);
        return problems;
    }

    private static void checkSessionSection(MergedSettings merged, List<ConfigurationProblem> problems) {
        ConfigSections sections = merged.sections();
        for (ConfigKey key : List.of(ConfigKey.ACCOUNT_ID, ConfigKey.ROLE_NAME)) {
            Setting misplaced = sections.sessionSetting(merged.session(), key);
            if (misplaced != null) {
                problems.add(Problems.misplacedInSession(key, misplaced, sections.profileHeader(), sections.file()));
            }
        }
    }

    /** Compares like the Java SDK does: ignoring case. */
    private static void checkConflict(ConfigKey key, PortalSetting setting, List<ConfigurationProblem> problems) {
        Setting own = setting.own();
        Setting session = setting.session();
        if (own != null && session != null && !own.value().equalsIgnoreCase(session.value())) {
            problems.add(Problems.conflicting(key, own, session));
        }
    }

    private static void checkComplete(MergedSettings merged, List<ConfigurationProblem> problems) {
        ConfigSections sections = merged.sections();
        Setting sessionName = merged.sessionName();
        boolean portalIncomplete = merged.startUrl().effective() == null || merged.ssoRegion().effective() == null;
        if (sessionName != null && merged.session() == null && portalIncomplete) {
            SharedConfig config = sections.config();
            problems.add(Problems.unknownSsoSession(sessionName, sections.file(),
                    (config != null) ? config.ssoSessionNames() : null));
        }
        else {
            String portalSection = (sessionName != null) ? ConfigSections.ssoSessionHeader(sessionName.value())
                    : sections.profileHeader();
            checkPresent(ConfigKey.START_URL, merged.startUrl().effective(), portalSection, sections, problems);
            checkPresent(ConfigKey.SSO_REGION, merged.ssoRegion().effective(), portalSection, sections, problems);
        }
        checkPresent(ConfigKey.ACCOUNT_ID, merged.accountId(), sections.profileHeader(), sections, problems);
        checkPresent(ConfigKey.ROLE_NAME, merged.roleName(), sections.profileHeader(), sections, problems);
    }

    private static void checkPresent(ConfigKey key, @Nullable Setting setting, String section,
            ConfigSections sections, List<ConfigurationProblem> problems) {
        if (setting == null) {
            problems.add(Problems.missing(key, section, sections.file()));
        }
    }

    private static void checkFormats(MergedSettings merged, List<ConfigurationProblem> problems) {
        Setting startUrl = merged.startUrl().effective();
        if (startUrl != null && !isHttpsUrl(startUrl.value())) {
            problems.add(Problems.malformedStartUrl(startUrl));
        }
        checkRegion(ConfigKey.SSO_REGION, merged.ssoRegion().effective(), problems);
        checkRegion(ConfigKey.REGION, merged.region(), problems);
        Setting accountId = merged.accountId();
        if (accountId != null && !ACCOUNT_ID.matcher(accountId.value()).matches()) {
            problems.add(Problems.malformedAccountId(accountId));
        }
    }

    private static void checkRegion(ConfigKey key, @Nullable Setting region, List<ConfigurationProblem> problems) {
        if (region != null && !REGION.matcher(region.value()).matches()) {
            problems.add(Problems.malformedRegion(key, region));
        }
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }
}
