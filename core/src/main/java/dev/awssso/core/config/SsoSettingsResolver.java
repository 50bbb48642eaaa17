package dev.awssso.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Resolves {@link SsoSettings} from {@code aws.sso.*} values and the shared config file, the way the AWS CLI and
 * SDKs select and read it. Steps aside (returns empty) when nothing asks for IAM Identity Center, so that
 * applications running on other credentials are unaffected.
 */
public final class SsoSettingsResolver {

    private static final List<String> SSO_PROFILE_KEYS = List.of("sso_session", "sso_start_url", "sso_region",
            "sso_account_id", "sso_role_name");

    private final Map<String, String> environment;

    private final AwsPaths paths;

    private final SharedConfigReader reader = new SharedConfigReader();

    private final SsoSettingsMerger merger = new SsoSettingsMerger();

    private final SsoSettingsValidator validator = new SsoSettingsValidator();

    /**
     * Creates a resolver for the given environment.
     * @param environment environment variables, such as {@link System#getenv()}; {@code AWS_PROFILE},
     *     {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE} and {@code HOME} are used
     * @param userHome the value of the {@code user.home} system property
     */
    public SsoSettingsResolver(Map<String, String> environment, String userHome) {
        this.environment = Map.copyOf(environment);
        this.paths = new AwsPaths(environment, userHome);
    }

    /**
     * A resolver for the environment variables and {@code user.home} of this JVM.
     */
    public static SsoSettingsResolver fromSystem() {
        return new SsoSettingsResolver(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Resolves the settings. The profile is {@code inline.profile()}, else {@code AWS_PROFILE}, else
     * {@code default}; the config file is {@code inline.configFile()}, else {@code AWS_CONFIG_FILE}, else
     * {@code ~/.aws/config}. Property values win over the profile's, key by key.
     * @param inline the {@code aws.sso.*} values
     * @return the settings, or empty when no property asks for SSO and the implicitly selected profile has no
     *     {@code sso_*} key, or is a missing {@code default} profile
     * @throws SsoConfigurationException also when {@code AWS_PROFILE} names a profile of neither the config nor
     *     the credentials file
     * @throws SsoConfigurationException with every problem found when the configuration cannot be used
     */
    public Optional<SsoSettings> resolve(InlineSsoSettings inline) {
        String profileName = profileName(inline);
        Path file = (inline.configFile() != null) ? this.paths.expand(inline.configFile()) : this.paths.configFile();
        SharedConfigRead read = this.reader.read(file);
        SharedConfig config = read.config();
        Profile profile = (config != null) ? config.profile(profileName).orElse(null) : null;
        List<ConfigurationProblem> problems = sourceProblems(inline, profileName, file, read, profile);
        if (problems.isEmpty() && profile == null && namedByEnvironment(inline)) {
            unknownEnvironmentProfile(profileName, file, config).ifPresent(problems::add);
        }
        if (problems.isEmpty() && !inline.requestsSso() && !isSsoProfile(profile)) {
            return Optional.empty();
        }
        Profile contributing = (inline.profile() != null || isSsoProfile(profile)) ? profile : null;
        MergedSettings merged = this.merger.merge(inline, new ConfigSections(file, profileName, config, contributing));
        problems.addAll(this.validator.validate(merged, problems.isEmpty()));
        if (!problems.isEmpty()) {
            throw new SsoConfigurationException(problems);
        }
        return Optional.of(merged.toSsoSettings());
    }

    /**
     * The problem, if any, that prevents reading the explicitly or implicitly chosen file and profile.
     */
    private static List<ConfigurationProblem> sourceProblems(InlineSsoSettings inline, String profileName, Path file,
            SharedConfigRead read, @Nullable Profile profile) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        ConfigurationProblem readProblem = read.problem();
        SharedConfig config = read.config();
        if (readProblem != null) {
            problems.add(readProblem);
        }
        else if (read.isAbsent() && inline.configFile() != null) {
            problems.add(Problems.missingConfigFile(file, inline.configFile()));
        }
        else if (inline.profile() != null && profile == null) {
            problems.add(Problems.unknownProfile(profileName, file, (config != null) ? config.profileNames() : null));
        }
        return problems;
    }

    /** Whether the profile is the one {@code AWS_PROFILE} names. */
    private boolean namedByEnvironment(InlineSsoSettings inline) {
        String fromEnvironment = this.environment.get("AWS_PROFILE");
        return inline.profile() == null && fromEnvironment != null && !fromEnvironment.isBlank();
    }

    /**
     * The problem of an {@code AWS_PROFILE} that names a profile of neither shared file, as the AWS CLI and SDKs
     * refuse it; none where the credentials file has it (static keys: not an SSO profile).
     */
    private Optional<ConfigurationProblem> unknownEnvironmentProfile(String profileName, Path configFile,
            @Nullable SharedConfig config) {
        Path credentialsFile = this.paths.credentialsFile();
        List<String> inCredentials = credentialsProfileNames(credentialsFile);
        if (inCredentials.contains(profileName)) {
            return Optional.empty();
        }
        List<String> inConfig = (config != null) ? config.profileNames() : List.of();
        return Optional.of(Problems.unknownEnvironmentProfile(profileName, configFile, inConfig, credentialsFile,
                inCredentials));
    }

    /** The profiles of the credentials file, sorted; none where it is absent or cannot be read. */
    private static List<String> credentialsProfileNames(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build()
                .profiles().keySet().stream().sorted().toList();
        }
        catch (RuntimeException ex) {
            return List.of();
        }
    }

    private String profileName(InlineSsoSettings inline) {
        if (inline.profile() != null) {
            return inline.profile();
        }
        String fromEnvironment = this.environment.get("AWS_PROFILE");
        return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment.trim() : "default";
    }

    /** Whether {@code profile} has an {@code sso_*} key, as the AWS SDKs decide that a profile uses SSO. */
    static boolean isSsoProfile(@Nullable Profile profile) {
        return profile != null && SSO_PROFILE_KEYS.stream().anyMatch((key) -> profile.property(key).isPresent());
    }
}
