package dev.awssso.core.login;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.SettingsSource;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.IdentityCenterEmulator;

/**
 * A PKCE sign-in against an emulator, run in a JVM of its own by {@link IpPreferenceTests}: says which loopback
 * address the JVM prefers, then how the sign-in ended.
 */
public final class PkceSignInChild {

    static final String LOOPBACK = "loopback ";

    static final String RESULT = "sign-in ";

    private PkceSignInChild() {
    }

    /** @param args the token cache directory */
    public static void main(String[] args) throws Exception {
        System.out.println(LOOPBACK + InetAddress.getLoopbackAddress().getHostAddress());
        try (IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
                SsoEngine engine = SsoEngine.start(settings(emulator), EngineOptions.builder(Path.of(args[0]))
                    .endpoints(SsoEndpoints.all(emulator.endpoint()))
                    .build())) {
            LoginAttempt attempt = engine.login().start(LoginFlow.PKCE, false);
            URI callback = emulator.approveAuthorization(attempt.prompt().url());
            HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            attempt.completion().get(20, TimeUnit.SECONDS);
            System.out.println(RESULT + attempt.state() + " " + answer.statusCode());
        }
    }

    private static SsoSettings settings(IdentityCenterEmulator emulator) {
        return new SsoSettings(new SettingsSource(null, null), "child", emulator.startUrl(), emulator.ssoRegion(),
                IdentityCenterEmulator.DEFAULT_ACCOUNT_ID, IdentityCenterEmulator.DEFAULT_ROLE_NAME,
                List.of("sso:account:access"), "eu-west-1");
    }
}
