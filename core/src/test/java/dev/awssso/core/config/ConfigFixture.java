package dev.awssso.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A fake home directory and environment for resolver tests: nothing outside the temporary directory is read.
 */
final class ConfigFixture {

    final Path home;

    final Path userHome;

    final Map<String, String> environment = new HashMap<>();

    ConfigFixture(Path temporaryDirectory) {
        this.home = temporaryDirectory.resolve("home");
        this.userHome = temporaryDirectory.resolve("user-home");
        this.environment.put("HOME", this.home.toString());
    }

    /** The default config file, {@code $HOME/.aws/config}. */
    Path defaultConfigFile() {
        return this.home.resolve(".aws/config");
    }

    /** Writes the default config file. */
    Path config(String content) {
        return write(defaultConfigFile(), content);
    }

    /** Writes a file. */
    Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Optional<SsoSettings> resolve(InlineSsoSettings inline) {
        return new SsoSettingsResolver(this.environment, this.userHome.toString()).resolve(inline);
    }

    SsoSettings resolved(InlineSsoSettings inline) {
        return resolve(inline).orElseThrow();
    }

    SsoConfigurationException failure(InlineSsoSettings inline) {
        return assertThatExceptionOfType(SsoConfigurationException.class).isThrownBy(() -> resolve(inline))
            .actual();
    }

    /** The problems as {@code description: action} lines. */
    List<String> problems(InlineSsoSettings inline) {
        return failure(inline).problems().stream().map(ConfigurationProblem::toString).toList();
    }

    static Inline inline() {
        return new Inline();
    }

    /** Builds {@link InlineSsoSettings} one property at a time. */
    static final class Inline {

        private String profile;

        private String configFile;

        private String sessionName;

        private String startUrl;

        private String ssoRegion;

        private String accountId;

        private String roleName;

        private List<String> registrationScopes;

        private String region;

        Inline profile(String profile) {
            this.profile = profile;
            return this;
        }

        Inline configFile(String configFile) {
            this.configFile = configFile;
            return this;
        }

        Inline sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        Inline startUrl(String startUrl) {
            this.startUrl = startUrl;
            return this;
        }

        Inline ssoRegion(String ssoRegion) {
            this.ssoRegion = ssoRegion;
            return this;
        }

        Inline accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        Inline roleName(String roleName) {
            this.roleName = roleName;
            return this;
        }

        Inline registrationScopes(String... registrationScopes) {
            this.registrationScopes = List.of(registrationScopes);
            return this;
        }

        Inline region(String region) {
            this.region = region;
            return this;
        }

        InlineSsoSettings build() {
            return new InlineSsoSettings(this.profile, this.configFile, this.sessionName, this.startUrl,
                    this.ssoRegion, this.accountId, this.roleName, this.registrationScopes, this.region);
        }
    }
}
