package dev.awssso.core.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.config.LoginSessionSettings;
import dev.awssso.emulator.EmulatedLoginSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The login cache shared with the AWS SDK for JavaScript ({@code @aws-sdk/credential-provider-login}, installed in
 * {@code compat/js-login} by {@code npm install}): a file this engine refreshed is served by the JS SDK without a
 * refresh of its own, and a file the JS SDK refreshed, with its DPoP proof checked by the emulator, is served here.
 * Skipped where Node.js or the package is missing.
 */
@ExtendWith(ClockedEmulatorExtension.class)
class JsSdkInteropTests {

    private static final Path JS_CHECK = Path.of("..", "compat", "js-login").toAbsolutePath().normalize();

    private static final String LOGIN_SESSION = IdentityCenterEmulator.DEFAULT_LOGIN_SESSION;

    @TempDir
    Path home;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void requireTheJsSdk() throws IOException {
        assumeTrue(Files.isDirectory(JS_CHECK.resolve("node_modules/@aws-sdk/credential-provider-login")),
                "The AWS SDK for JavaScript is not installed: run `npm install` in " + JS_CHECK);
        assumeTrue(nodeRuns(), "Node.js (node) is not on the PATH");
        Files.writeString(this.home.resolve("config"), "[profile dev]\nlogin_session = " + LOGIN_SESSION
                + "\nregion = us-east-1\n");
    }

    @AfterEach
    void close() throws Exception {
        for (int i = this.closing.size() - 1; i >= 0; i--) {
            this.closing.get(i).close();
        }
    }

    @Test
    void theJsSdkServesAFileThisEngineRefreshedWithoutRefreshingAgain(IdentityCenterEmulator emulator,
            MovableClock clock) throws Exception {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));
        AwsSessionCredentials refreshed = engine(emulator, clock).credentialsProvider().resolveCredentials();
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isOne();

        assertThat(jsAccessKeyId(emulator)).isEqualTo(refreshed.accessKeyId());
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).as("no refresh by the JS SDK").isOne();
    }

    @Test
    void thisEngineServesAFileTheJsSdkRefreshed(IdentityCenterEmulator emulator, MovableClock clock)
            throws Exception {
        EmulatedLoginSession session = emulator.startLoginSession(LOGIN_SESSION);
        session.writeCacheFile(cacheDir(), clock.instant().minus(Duration.ofMinutes(1)));

        String refreshedByJs = jsAccessKeyId(emulator);
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).as("the JS SDK's proof was accepted").isOne();

        assertThat(engine(emulator, clock).credentialsProvider().resolveCredentials().accessKeyId())
            .isEqualTo(refreshedByJs);
        assertThat(emulator.callCount(Operation.CREATE_OAUTH2_TOKEN)).isOne();
    }

    private Path cacheDir() {
        return this.home.resolve("login-cache");
    }

    private LoginSessionEngine engine(IdentityCenterEmulator emulator, MovableClock clock) {
        LoginSessionSettings settings = new LoginSessionSettings("dev", this.home.resolve("config"), LOGIN_SESSION,
                "111122223333", "us-east-1", cacheDir());
        EngineOptions options = EngineFixture.options(emulator, cacheDir()).build();
        LoginSessionEngine engine = LoginSessionEngine.create(settings, options, clock);
        this.closing.add(engine);
        return engine;
    }

    /** The access key id the JS SDK serves for profile {@code dev}, its Sign-In calls sent to the emulator. */
    private String jsAccessKeyId(IdentityCenterEmulator emulator) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "credentials.cjs").directory(JS_CHECK.toFile())
            .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("HOME", this.home.toString());
        environment.put("AWS_CONFIG_FILE", this.home.resolve("config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", this.home.resolve("credentials").toString());
        environment.put("AWS_PROFILE", "dev");
        environment.put("AWS_LOGIN_CACHE_DIRECTORY", cacheDir().toString());
        environment.put("SIGNIN_ENDPOINT", emulator.endpoint().toString());
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("node ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode answer = JsonNodeParser.create().parse(output.lines().reduce((first, last) -> last).orElse("{}"));
        return answer.asObject().get("accessKeyId").asString();
    }

    private static boolean nodeRuns() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
