package dev.awssso.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;

/**
 * An {@link IdentityCenterEmulator} on the loopback interface with a user signed in: the token is in a CLI-style
 * cache under a temporary home directory, so that both our engine (which reads the cache) and the SDK's
 * {@code SsoCredentialsProvider} (which is handed the access token) work against the same server.
 */
public final class SignedInEmulator implements AutoCloseable {

    /** The sso-session name of the sign-in. */
    public static final String SESSION = "bench";

    /** The region of the application's clients. */
    public static final String REGION = "eu-west-1";

    private final IdentityCenterEmulator emulator;

    private final Path home;

    private final EmulatedSession session;

    private SignedInEmulator(Duration credentialsLifetime) throws IOException {
        this.home = Files.createTempDirectory("aws-sso-bench-home");
        this.emulator = IdentityCenterEmulator.start();
        this.emulator.setCredentialsLifetime(credentialsLifetime);
        this.session = this.emulator.signIn(SESSION);
        this.session.writeCacheFile(Files.createDirectories(cacheDirectory()));
    }

    /** Starts an emulator whose role credentials live {@code credentialsLifetime}, and signs in. */
    public static SignedInEmulator start(Duration credentialsLifetime) {
        try {
            return new SignedInEmulator(credentialsLifetime);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public IdentityCenterEmulator emulator() {
        return this.emulator;
    }

    /** A home directory that holds nothing but the token cache: no {@code .aws/config}. */
    public Path home() {
        return this.home;
    }

    /** {@code HOME/.aws/sso/cache}, where the token of the sign-in is. */
    public Path cacheDirectory() {
        return this.home.resolve(".aws").resolve("sso").resolve("cache");
    }

    /** Inline settings of the sign-in, as the auto-configuration makes them from {@code aws.sso.*}. */
    public SsoSettings settings() {
        return new SsoSettings(SettingsSource.PROPERTIES, SESSION, this.emulator.startUrl(), this.emulator.ssoRegion(),
                IdentityCenterEmulator.DEFAULT_ACCOUNT_ID, IdentityCenterEmulator.DEFAULT_ROLE_NAME,
                List.of("sso:account:access"), REGION);
    }

    /** Engine options pointing at the emulator, every other option at its default. */
    public EngineOptions.Builder engineOptions() {
        return EngineOptions.builder(cacheDirectory()).endpoints(SsoEndpoints.all(this.emulator.endpoint()));
    }

    /** A portal client for the SDK's {@code SsoCredentialsProvider}, as the SDK's profile support builds one. */
    public SsoClient sdkPortalClient() {
        return SsoClient.builder()
            .region(Region.of(this.emulator.ssoRegion()))
            .endpointOverride(this.emulator.endpoint())
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }

    /** The request the SDK's {@code SsoCredentialsProvider} sends, with the access token of the sign-in. */
    public GetRoleCredentialsRequest roleCredentialsRequest() {
        return GetRoleCredentialsRequest.builder()
            .accessToken(this.session.accessToken())
            .accountId(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID)
            .roleName(IdentityCenterEmulator.DEFAULT_ROLE_NAME)
            .build();
    }

    /**
     * {@code SsoCredentialsProvider.builder()}, typed as its public interface (the method's declared return
     * type is not accessible outside the SDK's package).
     */
    public static SsoCredentialsProvider.Builder sdkProviderBuilder() {
        return SsoCredentialsProvider.builder();
    }

    @Override
    public void close() {
        this.emulator.close();
        try (Stream<Path> files = Files.walk(this.home)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
        catch (IOException ex) {
            // a temporary directory left behind
        }
    }
}
