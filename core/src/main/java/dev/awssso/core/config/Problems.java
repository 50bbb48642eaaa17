package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The wording of every {@link ConfigurationProblem}. Messages name properties, keys, sections, files and
 * {@code sso_*} values only, never other values of the config file.
 */
final class Problems {

    private static final String EXAMPLE_START_URL = "https://d-1234567890.awsapps.com/start";

    private Problems() {
    }

    static ConfigurationProblem missingConfigFile(Path file, String configured) {
        return new ConfigurationProblem(
                "Config file " + file + " does not exist (aws.sso.config-file = " + configured + ")",
                "correct aws.sso.config-file, or remove it to use AWS_CONFIG_FILE or ~/.aws/config.");
    }

    static ConfigurationProblem unparsableConfigFile(Path file, String reason) {
        return new ConfigurationProblem("Cannot parse config file " + file + ": " + reason,
                "fix that line: sections are [default], [profile NAME] or [sso-session NAME], "
                        + "and settings are \"key = value\" lines.");
    }

    static ConfigurationProblem unreadableConfigFile(Path file, String reason) {
        return new ConfigurationProblem("Cannot read config file " + file + " (" + reason + ")",
                "make it a readable file, or point aws.sso.config-file or AWS_CONFIG_FILE at another one.");
    }

    static ConfigurationProblem unknownProfile(String profile, Path file, @Nullable List<String> existing) {
        String header = ConfigSections.profileHeader(profile);
        String command = "\"aws configure sso --profile " + profile + "\"";
        if (existing == null) {
            return new ConfigurationProblem(
                    "Unknown profile \"" + profile + "\" (aws.sso.profile): " + file + " does not exist",
                    "create it with a " + header + " section, for example with " + command
                            + ", or point aws.sso.config-file or AWS_CONFIG_FILE at your config file.");
        }
        return new ConfigurationProblem(
                "Unknown profile \"" + profile + "\" (aws.sso.profile): no " + header + " section in " + file
                        + " (profiles defined there: " + list(existing) + ")",
                "add it, for example with " + command + ", or set aws.sso.profile to an existing profile.");
    }

    static ConfigurationProblem unknownEnvironmentProfile(String profile, Path configFile, List<String> inConfig,
            Path credentialsFile, List<String> inCredentials) {
        String command = "\"aws configure sso --profile " + profile + "\"";
        return new ConfigurationProblem("Unknown profile \"" + profile + "\" (AWS_PROFILE): it is in neither "
                + configFile + " (profiles: " + list(inConfig) + ") nor " + credentialsFile + " (profiles: "
                + list(inCredentials) + ")", "set AWS_PROFILE to one of those profiles, unset it to use the default"
                        + " profile, or create it, for example with " + command + ".");
    }

    static ConfigurationProblem unknownSsoSession(Setting sessionName, Path file, @Nullable List<String> existing) {
        String header = ConfigSections.ssoSessionHeader(sessionName.value());
        String reason = (existing != null)
                ? "no " + header + " section in " + file + " (sessions defined there: " + list(existing) + ")"
                : file + " does not exist";
        return new ConfigurationProblem(
                "Unknown sso-session \"" + sessionName.value() + "\" (" + sessionName.origin() + "): " + reason,
                "add " + header + " with \"" + ConfigKey.START_URL.exampleLine() + "\" and \""
                        + ConfigKey.SSO_REGION.exampleLine() + "\" to " + file + ", or set "
                        + sessionName.origin() + " to an existing session.");
    }

    static ConfigurationProblem missing(ConfigKey key, String section, Path file) {
        return new ConfigurationProblem("Missing " + key.label(), "set " + key.property() + ", or add \""
                + key.exampleLine() + "\" to " + section + " in " + file + ".");
    }

    static ConfigurationProblem conflicting(ConfigKey key, Setting own, Setting session) {
        return new ConfigurationProblem(
                "Conflicting " + key.label() + ": " + own.origin() + " is \"" + own.value() + "\" but "
                        + session.origin() + " is \"" + session.value() + "\"",
                "remove " + own.origin() + " (the sso-session's value applies), or make both equal.");
    }

    static ConfigurationProblem misplacedInSession(ConfigKey key, Setting setting, String profileHeader,
            Path file) {
        return new ConfigurationProblem(setting.origin() + " is not allowed: an sso-session section holds only "
                + "sso_start_url, sso_region and sso_registration_scopes",
                "move \"" + key.key() + " = " + setting.value() + "\" to " + profileHeader + " in " + file
                        + ", or set " + key.property() + " instead.");
    }

    static ConfigurationProblem malformedStartUrl(Setting setting) {
        return new ConfigurationProblem(malformed(ConfigKey.START_URL, setting),
                "use the https URL of your AWS access portal, such as " + EXAMPLE_START_URL + ".");
    }

    static ConfigurationProblem malformedRegion(ConfigKey key, Setting setting) {
        return new ConfigurationProblem(malformed(key, setting),
                "use a region code in lower case, such as us-east-1, eu-central-1 or us-gov-west-1.");
    }

    static ConfigurationProblem malformedAccountId(Setting setting) {
        return new ConfigurationProblem(malformed(ConfigKey.ACCOUNT_ID, setting),
                "use the twelve-digit AWS account id, such as 111122223333 (quote it in YAML so that leading "
                        + "zeros are kept).");
    }

    private static String malformed(ConfigKey key, Setting setting) {
        return "Malformed " + key.label() + " \"" + setting.value() + "\" (" + setting.origin() + ")";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
