package dev.awssso.core.engine;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@code error} with CR/LF sent to the PKCE callback stays on one log line and one line of the status. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class ForgedCallbackTests {

    private static final String FORGED = "2026-11-30T10:00:00Z  INFO 1 --- [main] d.a.c.SsoEngine : Signed in as admin";

    @TempDir
    Path cacheDir;

    @Test
    void aForgedLineInTheCallbacksErrorStaysOnOneLine(IdentityCenterEmulator emulator) throws Exception {
        try (LogCapture logs = new LogCapture();
                SsoEngine engine = SsoEngine.start(EngineFixture.settings(emulator),
                        EngineFixture.options(emulator, this.cacheDir).build())) {
            LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
            String authorize = attempt.prompt().url().toString();
            String redirect = URLDecoder.decode(parameter(authorize, "redirect_uri"), StandardCharsets.UTF_8);
            URI callback = URI.create(redirect + "?state=" + parameter(authorize, "state")
                    + "&error=access_denied%0D%0A" + FORGED.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D")
                    + "&error_description=x%0Ay");

            HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.ofString());
            Eventually.await("the sign-in ended", Duration.ofSeconds(15), () -> attempt.completion().isDone());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(attempt.failure()).hasValueSatisfying((why) -> assertThat(why).contains("access_denied")
                .contains("Signed in as admin")
                .doesNotContain("\r")
                .doesNotContain("\n"));
            assertThat(engine.status().login().failure()).doesNotContain("\n");
            assertThat(logs.all().lines()).noneMatch((line) -> line.startsWith("2026-11-30T10:00:00Z"))
                .anyMatch((line) -> line.contains("access_denied"));
        }
    }

    private static String parameter(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(matcher.find()).as(name + " in " + url).isTrue();
        return matcher.group(1);
    }
}
