package dev.awssso.core.signin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.awssso.core.token.TokenCacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The login cache file in the AWS CLI's format, as the shared test cases of botocore give it. */
class LoginCacheFileTests {

    static final String LOGIN_SESSION = "arn:aws:sts::012345678910:assumed-role/Admin/admin";

    /** The PKCS#8 key of botocore's test cases. */
    static final String PKCS8_KEY = "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"
            + "+PNauWi/ihtwHHbq\\n1tgc8Vgpwx0qQlNSN38y+z0igWehRANCAAR2Ntw6BXJ1v8jb9XjzKZJ+gL5f/3Jq\\nIqiH2PUGKWxoFwNlcNB8"
            + "3FivEXEzlTbuCQK5OezOYb3gbvHuzKkB0nDX\\n-----END PRIVATE KEY-----";

    static final String CLI_FILE = """
            {"accessToken": {"accessKeyId": "OLDKEY", "secretAccessKey": "old-secret", "sessionToken": "old-session",
              "accountId": "012345678901", "expiresAt": "%s", "futureCredentialsField": 7},
             "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device",
             "refreshToken": "refresh-secret", "idToken": "header.eyJpYXQiOjE3NjExNjcwNDZ9.signature",
             "dpopKey": "%s", "futureField": {"kept": true}}
            """;

    @TempDir
    Path cacheDir;

    @Test
    void namesTheFileAfterTheSha256OfTheLoginSessionAsTheCliDoes() {
        assertThat(LoginCacheFile.of(this.cacheDir, LOGIN_SESSION, Duration.ofSeconds(1)).path().getFileName())
            .hasToString("4b0ba8f99f075c0633e122fd73346ce203a3faf18ea0310eb2d29df1bab2e255.json");
    }

    @Test
    void readsTheCliFile() throws IOException {
        LoginSessionToken token = fileWith(CLI_FILE.formatted("2020-01-01T00:00:00Z", PKCS8_KEY)).read().orElseThrow();
        assertThat(token.accessKeyId()).isEqualTo("OLDKEY");
        assertThat(token.accountId()).isEqualTo("012345678901");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(token.clientId()).isEqualTo("arn:aws:signin:::devtools/same-device");
        assertThat(token.credentials().accountId()).contains("012345678901");
        assertThat(token.toString()).doesNotContain("old-secret", "old-session", "refresh-secret", "MIGHAg");
    }

    @Test
    void aRefreshRewritesTheCredentialsAndTheRefreshTokenAndKeepsEveryOtherField() throws IOException {
        LoginCacheFile file = fileWith(CLI_FILE.formatted("2020-01-01T00:00:00Z", PKCS8_KEY));
        LoginSessionToken refreshed = file.read().orElseThrow()
            .refreshed("NEWKEY", "new-secret", "new-session", Instant.parse("2026-12-07T10:15:00Z"), "rotated");
        file.write(refreshed);

        Map<String, JsonNode> written = JsonNodeParser.create().parse(Files.readAllBytes(file.path())).asObject();
        Map<String, JsonNode> credentials = written.get("accessToken").asObject();
        assertThat(credentials.get("accessKeyId").asString()).isEqualTo("NEWKEY");
        assertThat(credentials.get("expiresAt").asString()).isEqualTo("2026-12-07T10:15:00Z");
        assertThat(credentials.get("accountId").asString()).isEqualTo("012345678901");
        assertThat(credentials.get("futureCredentialsField").asNumber()).isEqualTo("7");
        assertThat(written.get("refreshToken").asString()).isEqualTo("rotated");
        assertThat(written.get("idToken").asString()).isEqualTo("header.eyJpYXQiOjE3NjExNjcwNDZ9.signature");
        assertThat(written.get("tokenType").asString()).isEqualTo("aws_sigv4");
        assertThat(written.get("dpopKey").asString()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(written.get("futureField").asObject().get("kept").asBoolean()).isTrue();
        assertThat(written.keySet()).containsExactly("accessToken", "tokenType", "clientId", "refreshToken",
                "idToken", "dpopKey", "futureField");
    }

    @Test
    void aFileWithoutTheDpopKeyIsRefusedNamingTheFieldAndTheFix() throws IOException {
        LoginCacheFile file = fileWith(CLI_FILE.formatted("2020-01-01T00:00:00Z", PKCS8_KEY)
            .replace("\"dpopKey\"", "\"otherKey\""));
        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("'dpopKey' is missing").withMessageContaining("Sign in again")
            .withMessageNotContaining("refresh-secret");
    }

    @Test
    void aTruncatedFileIsRefusedAndLeftAsItIs() throws IOException {
        String content = CLI_FILE.formatted("2020-01-01T00:00:00Z", PKCS8_KEY).substring(0, 80);
        LoginCacheFile file = fileWith(content);
        assertThatExceptionOfType(TokenCacheException.class).isThrownBy(file::read)
            .withMessageContaining("not valid JSON");
        assertThat(Files.readString(file.path())).isEqualTo(content);
    }

    @Test
    void noFileMeansNobodySignedIn() {
        assertThat(LoginCacheFile.of(this.cacheDir, LOGIN_SESSION, Duration.ofSeconds(1)).read()).isEmpty();
    }

    private LoginCacheFile fileWith(String content) throws IOException {
        LoginCacheFile file = LoginCacheFile.of(this.cacheDir, LOGIN_SESSION, Duration.ofSeconds(1));
        Files.write(file.path(), content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
