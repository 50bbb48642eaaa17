package dev.awssso.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;

/**
 * Resolves the {@code aws login} profile that the application selects ({@code aws.sso.profile}, else
 * {@code AWS_PROFILE}, else {@code default}) as the AWS CLI and SDKs read it: a profile with {@code login_session}
 * and no {@code sso_*} key.
 */
public final class LoginSessionResolver {

    /** An IAM user, root or assumed-role ARN, with its account in the fifth field. */
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):\\S+");

    private final Map<String, String> environment;

    private final AwsPaths paths;

    /**
     * @param environment environment variables: {@code AWS_PROFILE}, {@code AWS_CONFIG_FILE},
     *     {@code AWS_LOGIN_CACHE_DIRECTORY}, {@code AWS_REGION} and {@code HOME} are used
     * @param userHome the value of the {@code user.home} system property
     */
    public LoginSessionResolver(Map<String, String> environment, String userHome) {
        this.environment = Map.copyOf(environment);
        this.paths = new AwsPaths(environment, userHome);
    }

    /**
     * The settings of the selected profile when it is an {@code aws login} profile.
     * @param inline the {@code aws.sso.*} values, for the profile and config file they name
     * @return the settings, or empty when the profile has no {@code login_session}, has {@code sso_*} keys, or
     *     does not exist
     * @throws SsoConfigurationException when the profile's {@code login_session} or region cannot be used
     */
    public Optional<LoginSessionSettings> resolve(InlineSsoSettings inline) {
        String profileName = (inline.profile() != null) ? inline.profile() : environmentProfile();
        Path file = (inline.configFile() != null) ? this.paths.expand(inline.configFile()) : this.paths.configFile();
        SharedConfig config = new SharedConfigReader().read(file).config();
        Profile profile = (config != null) ? config.profile(profileName).orElse(null) : null;
        String loginSession = (profile != null) ? profile.property("login_session").map(String::trim).orElse(null)
                : null;
        if (loginSession == null || SsoSettingsResolver.isSsoProfile(profile)) {
            return Optional.empty();
        }
        String header = ConfigSections.profileHeader(profileName);
        List<ConfigurationProblem> problems = new ArrayList<>();
        Matcher arn = PRINCIPAL_ARN.matcher(loginSession);
        if (!arn.matches()) {
            problems.add(new ConfigurationProblem("login_session of " + header + " in " + file
                    + " is not the ARN of a signed-in principal", "sign in again with `aws login --profile "
                    + profileName + "`, which writes it, or correct it to an ARN such as"
                    + " arn:aws:iam::111122223333:user/NAME."));
        }
        String region = profile.property("region").map(String::trim).filter((value) -> !value.isEmpty())
            .orElseGet(() -> (inline.region() != null) ? inline.region() : environmentValue("AWS_REGION"));
        if (region == null) {
            problems.add(new ConfigurationProblem(header + " in " + file + " has login_session but no region, which"
                    + " AWS Sign-In needs to refresh the session", "add \"region = us-east-1\" (your region) to "
                    + header + ", or set aws.sso.region or AWS_REGION."));
        }
        if (!problems.isEmpty()) {
            throw new SsoConfigurationException(problems);
        }
        return Optional.of(new LoginSessionSettings(profileName, file, loginSession, arn.group(1), region,
                loginCacheDirectory()));
    }

    /** The login cache directory: {@code AWS_LOGIN_CACHE_DIRECTORY} (with {@code ~} expanded), else ~/.aws/login/cache. */
    private Path loginCacheDirectory() {
        String configured = environmentValue("AWS_LOGIN_CACHE_DIRECTORY");
        return (configured != null) ? this.paths.expand(configured)
                : this.paths.homeDirectory().resolve(".aws").resolve("login").resolve("cache");
    }

    private String environmentProfile() {
        String fromEnvironment = environmentValue("AWS_PROFILE");
        return (fromEnvironment != null) ? fromEnvironment.trim() : "default";
    }

    private @Nullable String environmentValue(String name) {
        String value = this.environment.get(name);
        return (value == null || value.isBlank()) ? null : value;
    }
}
