package dev.awssso.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Token cache files written by {@link EmulatedSession#writeCacheFile(Path, CacheDateStyle)}.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class CacheFileTests {

    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";

    @TempDir
    Path home;

    @Test
    void fileIsNamedBySha1OfTheSessionName(IdentityCenterEmulator emulator) {
        Path file = emulator.signIn("my-sso").writeCacheFile(this.home);

        assertThat(file).isEqualTo(this.home.resolve("0ad374308c5a4e22f723adf10145eafad7c4031c.json")).exists();
    }

    @Test
    void legacyFileIsNamedBySha1OfTheStartUrl(IdentityCenterEmulator emulator) {
        Path file = emulator.signIn(null).writeCacheFile(this.home);

        assertThat(file).isEqualTo(this.home.resolve("b51e627ec5d75dab0c56e37911d5b31610f612e0.json"));
    }

    @Test
    void contentIsWhatTheCliWrites(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = emulator.signIn("my-sso");

        String content = Files.readString(session.writeCacheFile(this.home));

        assertThat(content).isEqualTo("{\"startUrl\": \"https://d-0000000000.awsapps.com/start\", "
                + "\"region\": \"us-east-1\", \"accessToken\": \"" + session.accessToken() + "\", \"expiresAt\": \""
                + isoSeconds(session.expiresAt()) + "\", \"clientId\": \"" + session.clientId()
                + "\", \"clientSecret\": \"" + session.clientSecret() + "\", \"registrationExpiresAt\": \""
                + isoSeconds(session.registrationExpiresAt()) + "\", \"refreshToken\": \"" + session.refreshToken()
                + "\"}");
    }

    @Test
    void legacyContentHasNoClientAndNoRefreshToken(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = emulator.signIn(null);

        String content = Files.readString(session.writeCacheFile(this.home));

        assertThat(content).isEqualTo("{\"startUrl\": \"https://d-0000000000.awsapps.com/start\", "
                + "\"region\": \"us-east-1\", \"accessToken\": \"" + session.accessToken() + "\", \"expiresAt\": \""
                + isoSeconds(session.expiresAt()) + "\"}");
    }

    @Test
    void eachDateStyleWritesItsFormat(IdentityCenterEmulator emulator) throws IOException {
        EmulatedSession session = emulator.signIn("my-sso");
        Instant expiresAt = session.expiresAt();

        assertThat(expiresAtWritten(session, CacheDateStyle.CLI)).matches(DATE + "Z")
            .isEqualTo(isoSeconds(expiresAt));
        assertThat(expiresAtWritten(session, CacheDateStyle.UTC_SUFFIX)).matches(DATE + "UTC")
            .isEqualTo(isoSeconds(expiresAt).replace("Z", "UTC"));
        assertThat(expiresAtWritten(session, CacheDateStyle.FRACTIONAL)).matches(DATE + "\\.\\d{9}Z")
            .satisfies((written) -> assertThat(Instant.parse(written)).isEqualTo(expiresAt));
        assertThat(expiresAtWritten(session, CacheDateStyle.MILLIS)).matches(DATE + "\\.\\d{3}Z")
            .satisfies((written) -> assertThat(Instant.parse(written))
                .isEqualTo(expiresAt.truncatedTo(ChronoUnit.MILLIS)));
        assertThat(expiresAtWritten(session, CacheDateStyle.OFFSET)).matches(DATE + "\\+00:00")
            .satisfies((written) -> assertThat(OffsetDateTime.parse(written).toInstant())
                .isEqualTo(expiresAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    @Test
    void fileIsOwnerOnlyAndTheDirectoryIsCreated(IdentityCenterEmulator emulator) throws IOException {
        assumeTrue(this.home.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path cacheDir = this.home.resolve(".aws/sso/cache");

        Path file = emulator.signIn("my-sso").writeCacheFile(cacheDir);

        assertThat(file.getParent()).isEqualTo(cacheDir);
        assertThat(Files.getPosixFilePermissions(file))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.list(cacheDir)).containsExactly(file);
    }

    @Test
    void writingAgainReplacesTheFile(IdentityCenterEmulator emulator) throws IOException {
        emulator.signIn("my-sso").writeCacheFile(this.home);
        EmulatedSession second = emulator.signIn("my-sso");

        Path file = second.writeCacheFile(this.home);

        assertThat(Files.readString(file)).contains(second.accessToken());
        assertThat(Files.list(this.home)).containsExactly(file);
    }

    @Test
    void stringsAreEscapedAsPythonJsonDumpsDoes() {
        EmulatedSession session = new EmulatedSession("id", null, "https://exämple.com/\"start\"\\\n", "us-east-1",
                "token", Instant.EPOCH, null, null, Instant.EPOCH);

        assertThat(TokenCacheFile.content(session, CacheDateStyle.CLI))
            .startsWith("{\"startUrl\": \"https://ex\\u00e4mple.com/\\\"start\\\"\\\\\\n\", ");
    }

    private String expiresAtWritten(EmulatedSession session, CacheDateStyle style) throws IOException {
        String content = Files.readString(session.writeCacheFile(this.home, style), StandardCharsets.UTF_8);
        int start = content.indexOf("\"expiresAt\": \"") + "\"expiresAt\": \"".length();
        return content.substring(start, content.indexOf('"', start));
    }

    private static String isoSeconds(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

}
