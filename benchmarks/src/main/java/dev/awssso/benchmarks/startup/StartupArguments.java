package dev.awssso.benchmarks.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.emulator.IdentityCenterEmulator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The command-line arguments of {@link StartupApplication}: inline {@code aws.sso.*} settings against an emulator,
 * a home directory without AWS files, quiet logging and a random port. Without the starter, every
 * auto-configuration of the starter is excluded, so the two variants differ only in what the starter does.
 */
public final class StartupArguments {

    private static final String STARTER_PACKAGE = "dev.awssso.";

    private StartupArguments() {
    }

    /**
     * Arguments for the application.
     * @param emulator the Identity Center the settings point at
     * @param home the home directory: holds the token cache ({@code .aws/sso/cache}) and no shared config file
     * @param withStarter whether the starter's auto-configurations run
     * @param stsClient whether the application builds an {@code StsClient}
     * @param extra further arguments, {@code --name=value}
     */
    public static String[] of(IdentityCenterEmulator emulator, Path home, boolean withStarter, boolean stsClient,
            String... extra) {
        List<String> args = common(emulator.startUrl(), emulator.ssoRegion(), home, withStarter);
        args.addAll(List.of("--aws.sso.endpoint.oidc=" + emulator.endpoint(),
                "--aws.sso.endpoint.portal=" + emulator.endpoint(),
                "--aws.sso.endpoint.sts=" + emulator.endpoint(),
                "--benchmark.sts-client=" + stsClient));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /**
     * Arguments for the application as a developer runs it: the AWS endpoints of the SSO region (start-up makes
     * no call to them), no {@code StsClient} of the application's own.
     */
    public static String[] asDeveloped(String startUrl, String ssoRegion, Path home, boolean withStarter) {
        List<String> args = common(startUrl, ssoRegion, home, withStarter);
        args.add("--benchmark.sts-client=false");
        return args.toArray(String[]::new);
    }

    private static List<String> common(String startUrl, String ssoRegion, Path home, boolean withStarter) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--management.endpoints.web.exposure.include=health",
                "--HOME=" + home, "--AWS_PROFILE=", "--AWS_CONFIG_FILE=",
                "--aws.sso.sso-session=bench",
                "--aws.sso.start-url=" + startUrl,
                "--aws.sso.sso-region=" + ssoRegion,
                "--aws.sso.account-id=" + IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
                "--aws.sso.role-name=" + IdentityCenterEmulator.DEFAULT_ROLE_NAME,
                "--aws.sso.region=eu-west-1",
                "--aws.sso.cache-dir=" + home.resolve(".aws").resolve("sso").resolve("cache"),
                "--benchmark.region=eu-west-1"));
        if (!withStarter) {
            args.add("--spring.autoconfigure.exclude=" + String.join(",", starterAutoConfigurations()));
        }
        return args;
    }

    /** The auto-configurations the starter registers. */
    public static List<String> starterAutoConfigurations() {
        List<String> result = new ArrayList<>();
        for (String candidate : ImportCandidates.load(AutoConfiguration.class,
                StartupArguments.class.getClassLoader())) {
            if (candidate.startsWith(STARTER_PACKAGE)) {
                result.add(candidate);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("The starter's auto-configurations are not on the class path");
        }
        return result;
    }
}
