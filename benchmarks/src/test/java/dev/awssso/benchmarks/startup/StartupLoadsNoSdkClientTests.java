package dev.awssso.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's application with the starter loads nothing of the SDK's clients, HTTP client or region and
 * service metadata before the first credentials are asked for: a start-up pays for the starter's own classes
 * only. Checked in a new JVM (this one has loaded the SDK long ago), from the JVM's class-loading log.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class StartupLoadsNoSdkClientTests {

    /**
     * Classes and packages that only building an SDK client or reading region and service metadata loads. The
     * client interfaces themselves ({@code SsoClient}, ...) are loaded by Spring Boot's {@code @ConditionalOnClass}
     * checks, one class each, as for any auto-configuration; their implementations are not.
     */
    private static final List<String> LOADED_ONLY_BY_CLIENTS = List.of(
            "software.amazon.awssdk.regions.RegionMetadata",
            "software.amazon.awssdk.regions.regionmetadata.",
            "software.amazon.awssdk.regions.servicemetadata.",
            "software.amazon.awssdk.regions.partitionmetadata.",
            "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder",
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "software.amazon.awssdk.services.sso.DefaultSsoClient",
            "software.amazon.awssdk.services.ssooidc.DefaultSsoOidcClient",
            "software.amazon.awssdk.services.sts.DefaultStsClient");

    private static final Pattern LOADED_CLASS = Pattern.compile("\\[class,load\\s*\\] (\\S+) ");

    @TempDir
    Path home;

    @Test
    void startingLoadsNoSdkClientAndNoRegionMetadata(IdentityCenterEmulator emulator) throws IOException {
        emulator.signIn("bench")
            .writeCacheFile(Files.createDirectories(this.home.resolve(".aws").resolve("sso").resolve("cache")));
        Path classLog = this.home.resolve("classes.log");

        StartupRun.start(List.of("-Xlog:class+load=info:file=" + classLog),
                StartupArguments.asDeveloped(emulator.startUrl(), emulator.ssoRegion(), this.home, true));

        List<String> loaded = Files.readAllLines(classLog).stream()
            .map(LOADED_CLASS::matcher)
            .filter(Matcher::find)
            .map((matcher) -> matcher.group(1))
            .toList();
        assertThat(loaded).as("the starter's classes are loaded: the log is read right")
            .contains("dev.awssso.core.engine.SsoEngine");
        assertThat(loaded).as("nothing of SDK clients or region metadata")
            .noneMatch((name) -> LOADED_ONLY_BY_CLIENTS.stream().anyMatch(name::startsWith));
    }
}
