package dev.awssso.core.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenCacheFileTests {

    private static final String CLI_FILE = """
            {"startUrl": "https://d-0000000000.awsapps.com/start", "region": "us-east-1",
             "accessToken": "access-secret", "expiresAt": "%s", "clientId": "client-1",
             "clientSecret": "client-secret", "registrationExpiresAt": "2026-12-01T00:00:00Z",
             "refreshToken": "refresh-secret"%s}
            """;

    @TempDir
    Path cacheDir;

    @Test
    void namesTheFileAfterTheSha1OfTheCacheKeyAsTheCliDoes() {
        assertThat(TokenCacheFile.of(this.cacheDir, "my-sso").path())
            .isEqualTo(this.cacheDir.resolve("0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "2026-11-27T10:00:00Z", "2026-11-27T10:00:00UTC", "2026-11-27T10:00:00.000000000Z",
            "2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00+00:00" })
    void readsTheCliFileInEveryDateFormat(String expiresAt) throws IOException {
        TokenCacheFile file = fileWith(CLI_FILE.formatted(expiresAt, ""));
        SsoToken token = file.read().orElseThrow();
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(token.accessToken()).isEqualTo("access-secret");
        assertThat(token.refreshToken()).isEqualTo("refresh-secret");
        assertThat(token.clientId()).isEqualTo("client-1");
        assertThat(token.clientSecret()).isEqualTo("client-secret");
        assertThat(token.registrationExpiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(token.region()).isEqualTo("us-east-1");
        assertThat(token.startUrl()).isEqualTo("https://d-0000000000.awsapps.com/start");
    }

    @Test
    void aMissingFileMeansNobodySignedIn() {
        assertThat(TokenCacheFile.of(this.cacheDir, "nobody").read()).isEmpty();
    }

    @Test
    void rewriteKeepsUnknownFieldsAndWritesCliDates() throws IOException {
        TokenCacheFile file = fileWith(CLI_FILE.formatted("2026-11-27T10:00:00.123Z",
                ", \"custom\": {\"nested\": [1, 2.5, true, null, \"x\"]}, \"note\": \"kept\""));
        SsoToken token = file.read().orElseThrow();
        file.write(token.refreshed("new-access", Instant.parse("2026-11-27T11:00:00.999Z"), null));

        JsonNode written = JsonNode.parser().parse(Files.readAllBytes(file.path()));
        Map<String, JsonNode> fields = written.asObject();
        assertThat(fields.get("accessToken").asString()).isEqualTo("new-access");
        assertThat(fields.get("expiresAt").asString()).isEqualTo("2026-11-27T11:00:00Z");
        assertThat(fields.get("registrationExpiresAt").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(fields.get("refreshToken").asString()).isEqualTo("refresh-secret");
        assertThat(fields.get("note").asString()).isEqualTo("kept");
        List<JsonNode> nested = fields.get("custom").asObject().get("nested").asArray();
        assertThat(nested).extracting(JsonNode::text).containsExactly("1", "2.5", "true", null, "x");
        assertThat(file.read().orElseThrow().otherFields()).containsKeys("custom", "note");
    }

    @Test
    void writeIsOwnerOnlyAndReplacesTheFileAtomically() throws IOException {
        TokenCacheFile file = fileWith(CLI_FILE.formatted("2026-11-27T10:00:00Z", ""));
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        Object inodeBefore = file.stamp().fileKey();

        file.write(file.read().orElseThrow().refreshed("new-access", Instant.parse("2026-11-27T11:00:00Z"), null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(file.stamp().fileKey()).as("a new file was renamed over the old one").isNotEqualTo(inodeBefore);
        try (var entries = Files.list(this.cacheDir)) {
            assertThat(entries.map((path) -> path.getFileName().toString()))
                .as("no temporary file is left behind")
                .containsExactly(file.path().getFileName().toString());
        }
    }

    @Test
    void writeCreatesAMissingCacheDirectoryForTheOwnerOnly() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir.resolve("sso/cache"), "my-sso");
        file.write(new SsoToken("access", Instant.parse("2026-11-27T10:00:00Z"), null, null, null, null, null, null,
                Map.of()));
        assertThat(file.read()).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())))
            .isEqualTo("rwx------");
    }

    static Stream<Arguments> corruptFiles() {
        return Stream.of(Arguments.of("", "the file is empty"),
                Arguments.of("{\"accessToken\": \"a\", \"expiresAt\"", "not valid JSON"),
                Arguments.of("[1, 2]", "does not hold a JSON object"),
                Arguments.of("{\"expiresAt\": \"2026-11-27T10:00:00Z\"}", "'accessToken' is missing"),
                Arguments.of("{\"accessToken\": \"a\"}", "'expiresAt' is missing"),
                Arguments.of("{\"accessToken\": 42, \"expiresAt\": \"2026-11-27T10:00:00Z\"}",
                        "'accessToken' is not a string"),
                Arguments.of("{\"accessToken\": \"a\", \"expiresAt\": \"next tuesday\"}", "'expiresAt' is not a date"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("corruptFiles")
    void corruptFilesGiveAnErrorNamingTheFileAndTheFixAndAreKept(String content, String problem) throws IOException {
        TokenCacheFile file = fileWith(content);
        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining(file.path().toString())
            .withMessageContaining(problem)
            .withMessageContaining("Sign in again");
        assertThat(file.path()).exists();
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsReported() throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, "my-sso");
        Files.createDirectories(file.path());
        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("is a directory");
    }

    @Test
    void errorsNeverQuoteTheFileContent() throws IOException {
        TokenCacheFile file = fileWith("{\"accessToken\": \"access-secret\", \"expiresAt\": \"soon-secret\"}");
        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret"));
    }

    @Test
    void stampChangesWhenTheFileIsReplaced() throws IOException {
        TokenCacheFile file = fileWith(CLI_FILE.formatted("2026-11-27T10:00:00Z", ""));
        TokenCacheFile.FileStamp before = file.stamp();
        file.write(file.read().orElseThrow().refreshed("new-access", Instant.parse("2026-11-27T11:00:00Z"), null));
        assertThat(file.stamp()).isNotEqualTo(before);
        Files.delete(file.path());
        assertThat(file.stamp()).isEqualTo(TokenCacheFile.FileStamp.ABSENT);
    }

    private TokenCacheFile fileWith(String content) throws IOException {
        TokenCacheFile file = TokenCacheFile.of(this.cacheDir, "my-sso");
        Files.writeString(file.path(), content, StandardCharsets.UTF_8);
        return file;
    }
}
