package dev.awssso.core.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.engine.Eventually;
import dev.awssso.core.engine.LogCapture;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import dev.awssso.core.token.FaultyFileSystem;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token cache file the engine cannot use gives a status and an error that name the file and the fix; the
 * engine keeps running without retrying in a loop, never deletes or rewrites the file, and recovers as soon as
 * the file is fixed.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class CorruptCacheTests {

    @TempDir
    Path cacheDir;

    @RegisterExtension
    final RunningEngines engines = new RunningEngines();

    static Stream<Arguments> corruptFiles() {
        String valid = "{\"startUrl\": \"https://d-0000000000.awsapps.com/start\", \"region\": \"us-east-1\","
                + " \"accessToken\": \"access\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}";
        return Stream.of(Arguments.of("empty file", "", "the file is empty"),
                Arguments.of("truncated JSON", valid.substring(0, valid.length() / 2), "not valid JSON"),
                Arguments.of("not an object", "[\"accessToken\"]", "does not hold a JSON object"),
                Arguments.of("access token of the wrong type", valid.replace("\"access\"", "42"),
                        "'accessToken' is not a string"),
                Arguments.of("expiry of the wrong type", valid.replace("\"2099-01-01T00:00:00Z\"", "4070908800"),
                        "'expiresAt' is not a string"),
                Arguments.of("missing access token", valid.replace("\"accessToken\"", "\"token\""),
                        "'accessToken' is missing"),
                Arguments.of("missing expiry", valid.replace("\"expiresAt\"", "\"expires\""),
                        "'expiresAt' is missing"),
                Arguments.of("unknown date format", valid.replace("2099-01-01T00:00:00Z", "01/01/2099 00:00"),
                        "'expiresAt' is not a date"),
                Arguments.of("binary garbage", "\u0000\u00ff\u0001garbage", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void aCorruptFileIsReportedKeptAndRecoveredFromOnceFixed(String name, String content, String problem,
            IdentityCenterEmulator emulator) throws Exception {
        Path file = TokenCacheFile.of(this.cacheDir, Hardening.SESSION).path();
        Files.createDirectories(this.cacheDir);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(file);

        unusableThenRecovered(emulator, file, problem, "Sign in again to rewrite it", () -> {
            assertThat(Files.readAllBytes(file)).as("the file is left as it is").isEqualTo(before);
            emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        });
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsReportedKeptAndRecoveredFromOnceRemoved(IdentityCenterEmulator emulator)
            throws Exception {
        Path file = TokenCacheFile.of(this.cacheDir, Hardening.SESSION).path();
        Files.createDirectories(file.resolve("inside"));

        unusableThenRecovered(emulator, file, "is a directory", "Remove or rename it", () -> {
            assertThat(file.resolve("inside")).as("the directory is left as it is").isDirectory();
            Files.delete(file.resolve("inside"));
            Files.delete(file);
            emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        });
    }

    @Test
    void anUnreadableFileIsReportedKeptAndRecoveredFromOnceReadable(IdentityCenterEmulator emulator)
            throws Exception {
        // the file system refuses the read, as file modes do for other users: this also holds for root
        Path file = emulator.signIn(Hardening.SESSION).writeCacheFile(this.cacheDir);
        FaultyFileSystem fileSystem = new FaultyFileSystem();
        fileSystem.failReads();

        unusableThenRecovered(emulator, fileSystem.wrap(this.cacheDir), file, "permission denied", "chmod 600", () -> {
            assertThat(file).exists();
            fileSystem.heal();
        });
    }

    @Test
    void aMissingCacheDirectoryMeansSignedOutUntilASignInCreatesIt(IdentityCenterEmulator emulator) {
        Path missing = this.cacheDir.resolve("home/.aws/sso/cache");
        SsoEngine engine = start(emulator, missing);

        SessionStatus status = engine.status();
        assertThat(status.state()).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(status.nextAction()).contains("aws sso login --sso-session my-sso");
        assertThat(status.token().cacheFile()).startsWith(missing.toString());
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SIGNED_OUT))
            .withMessageContaining(missing.toString())
            .withMessageContaining("aws sso login --sso-session my-sso");
        assertThat(missing).doesNotExist();

        emulator.signIn(Hardening.SESSION).writeCacheFile(missing);

        Eventually.await("the sign-in was picked up", Duration.ofSeconds(30),
                () -> engine.status().state() == SessionState.ACTIVE);
        assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void aFileCorruptedWhileRunningKeepsTheValidCredentialsServedAndIsNeitherRefreshedOverNorDeleted(
            IdentityCenterEmulator emulator) throws Exception {
        emulator.setTokenLifetime(Duration.ofSeconds(3));
        emulator.setCredentialsLifetime(Duration.ofHours(1));
        EmulatedSession session = emulator.signIn(Hardening.SESSION);
        Path file = session.writeCacheFile(this.cacheDir);
        try (LogCapture log = new LogCapture()) {
            SsoEngine engine = start(emulator, this.cacheDir);
            AwsSessionCredentials served = engine.credentialsProvider().resolveCredentials();
            byte[] corrupt = Arrays.copyOf(Files.readAllBytes(file), 40);
            Files.write(file, corrupt);

            // the token is due for refresh after 1.5 s, but the file cannot be re-read under its lock
            Eventually.await("the refresh is failing for the file", Duration.ofSeconds(10), () -> {
                assertThat(engine.credentialsProvider().resolveCredentials()).isSameAs(served);
                return engine.status().state() == SessionState.REFRESH_FAILING;
            });
            SessionStatus status = engine.status();
            assertThat(status.warnings()).anySatisfy((warning) -> assertThat(warning).contains(file.toString())
                .contains("not valid JSON")
                .contains("Sign in again"));
            assertThat(emulator.callCount(Operation.CREATE_TOKEN)).as("never refreshed over the file").isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);
            assertThat(log.warnings().stream().filter((warning) -> warning.contains("not valid JSON")))
                .as("said once, not on every check").hasSize(1);

            session.writeCacheFile(this.cacheDir);

            Eventually.await("the refresh resumed", Duration.ofSeconds(10),
                    () -> engine.status().state() == SessionState.ACTIVE
                            && emulator.callCount(Operation.CREATE_TOKEN) > 0);
            assertThat(engine.status().warnings()).isEmpty();
            assertThat(engine.credentialsProvider().resolveCredentials().expirationTime().orElseThrow())
                .isAfter(Instant.now());
        }
    }

    /**
     * Starts an engine on the unusable {@code file} and checks what it says for a while; then {@code fix}es the
     * file and checks the engine recovers without being restarted.
     */
    private void unusableThenRecovered(IdentityCenterEmulator emulator, Path file, String problem, String fix,
            Fixer fixer) throws Exception {
        unusableThenRecovered(emulator, this.cacheDir, file, problem, fix, fixer);
    }

    /** As above, the engine reading the cache through {@code engineCacheDir}. */
    private void unusableThenRecovered(IdentityCenterEmulator emulator, Path engineCacheDir, Path file,
            String problem, String fix, Fixer fixer) throws Exception {
        try (LogCapture log = new LogCapture()) {
            SsoEngine engine = start(emulator, engineCacheDir);

            SessionStatus status = engine.status();
            assertThat(status.state()).isEqualTo(SessionState.UNUSABLE);
            assertThat(status.warnings()).anySatisfy((warning) -> assertThat(warning).contains(file.toString())
                .contains(problem)
                .contains(fix));
            assertThat(status.nextAction()).contains("Fix or remove the token cache file")
                .contains("aws sso login --sso-session my-sso");
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatExceptionOfType(SsoSessionException.class)
                    .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
                    .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TOKEN_CACHE_UNREADABLE))
                    .withMessageContaining(file.toString())
                    .withMessageContaining(problem)
                    .withMessageContaining(fix);
            }
            Instant later = Instant.now().plusMillis(500);
            Eventually.await("ten background checks passed", Duration.ofSeconds(30),
                    () -> Instant.now().isAfter(later));
            assertThat(engine.status().state()).isEqualTo(SessionState.UNUSABLE);
            assertThat(log.warnings().stream().filter((warning) -> warning.contains(file.toString())))
                .as("said once, not on every check").hasSize(1);
            for (Operation operation : Operation.values()) {
                assertThat(emulator.callCount(operation)).as(operation.name()).isZero();
            }
            assertThat(Hardening.engineThreads()).as("the background maintenance still runs")
                .anySatisfy((thread) -> assertThat(thread).contains("-refresh-"));

            fixer.fix();

            Eventually.await("the fixed file was picked up", Duration.ofSeconds(30),
                    () -> engine.status().state() == SessionState.ACTIVE);
            assertThat(engine.status().warnings()).isEmpty();
            assertThat(engine.credentialsProvider().resolveCredentials().accessKeyId()).startsWith("ASIA");
        }
    }

    private SsoEngine start(IdentityCenterEmulator emulator, Path cacheDir) {
        SsoEngine engine = SsoEngine.start(Hardening.settings(),
                Hardening.options(emulator.endpoint(), cacheDir).build());
        this.engines.add(engine);
        return engine;
    }

    @FunctionalInterface
    private interface Fixer {

        void fix() throws IOException;
    }
}
