package dev.awssso.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InternalServerException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sign-in pages {@code /authorize} and {@code /device} over real HTTP, as a browser uses them (the JDK
 * client follows no redirects, so the 302 answers are seen as they are).
 */
class SignInPageTests extends SignInFlowTests {

    private static final Pattern HIDDEN_FIELD = Pattern
        .compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private static final String HOSTILE = "<script>alert(\"x\")</script> & 'Co'";

    private static final String HOSTILE_ESCAPED =
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;";

    private final HttpClient http = HttpClient.newHttpClient();

    private RegisterClientResponse client;

    private String verifier;

    private String state;

    @BeforeEach
    void registerClient() {
        this.emulator.setDevicePollInterval(Duration.ZERO);
        this.client = registerPkceClient("My Sample App");
        this.verifier = codeVerifier();
        this.state = state();
    }

    @Test
    void authorizePageShowsTheRequestAndTheTwoButtons() throws Exception {
        this.emulator.setUserName("alice@example.com");

        HttpResponse<String> page = get(authorizeUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        assertThat(page.body()).startsWith("<!DOCTYPE html>")
            .contains("My Sample App", "alice@example.com", "sso:account:access")
            .contains("<form method=\"post\" action=\"/authorize\">")
            .contains("id=\"allow\"", "id=\"deny\"");
        assertThat(hiddenFields(page.body())).containsEntry("client_id", this.client.clientId())
            .containsEntry("redirect_uri", REDIRECT_URI)
            .containsEntry("state", this.state)
            .containsEntry("code_challenge", Pkce.challenge(this.verifier))
            .containsEntry("code_challenge_method", "S256")
            .containsEntry("response_type", "code");
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isOne();
    }

    @Test
    void postingTheAllowFormRedirectsWithACodeThatRedeems() throws Exception {
        Map<String, String> form = hiddenFields(get(authorizeUrl()).body());
        form.put("decision", "allow");

        HttpResponse<String> answer = post("/authorize", form);

        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?code=");
        Map<String, String> callback = query(location);
        assertThat(callback).containsEntry("state", this.state);
        CreateTokenResponse tokens = redeemCode(this.client, callback.get("code"), REDIRECT_URI, this.verifier);
        assertThat(tokens.accessToken()).isEqualTo(this.emulator.latestSession().accessToken());
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isEqualTo(2);
    }

    @Test
    void postingTheDenyFormRedirectsWithAccessDenied() throws Exception {
        Map<String, String> form = hiddenFields(get(authorizeUrl()).body());
        form.put("decision", "deny");

        HttpResponse<String> answer = post("/authorize", form);

        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(query(location)).containsOnly(Map.entry("error", "access_denied"), Map.entry("state", this.state));
    }

    @Test
    void badAuthorizationRequestsGetAPlainErrorPage() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>(query(authorizeUrl()));
        parameters.put("code_challenge_method", "plain");

        HttpResponse<String> page = get(authorizeUrl(parameters));
        HttpResponse<String> unknownClient = get(authorizeUrl("unknown", this.state, "challenge"));
        HttpResponse<String> tampered = post("/authorize", Map.of("client_id", this.client.clientId(),
                "redirect_uri", "http://127.0.0.1:1/elsewhere", "decision", "allow"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("code_challenge_method must be S256").doesNotContain("id=\"allow\"");
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(unknownClient.body()).contains("No client is registered with the id unknown");
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.headers().firstValue("Location")).isEmpty();
        assertThat(this.emulator.issuedSecrets()).containsOnly(this.client.clientSecret());
    }

    @Test
    void formWithoutADecisionIsRefused() throws Exception {
        HttpResponse<String> answer = post("/authorize", hiddenFields(get(authorizeUrl()).body()));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("decision must be allow or deny");
    }

    @Test
    void devicePageApprovesOverHttp() throws Exception {
        RegisterClientResponse deviceClient = this.clients.oidc.registerClient((request) -> request
            .clientName("My CLI")
            .clientType("public")
            .scopes(SCOPE));
        StartDeviceAuthorizationResponse device = startDevice(deviceClient);

        HttpResponse<String> page = get(URI.create(device.verificationUriComplete()));
        HttpResponse<String> done = post("/device", Map.of("user_code", device.userCode(), "decision", "allow"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("My CLI", "value=\"" + device.userCode() + "\"",
                "<form method=\"post\" action=\"/device\">", "id=\"allow\"", "id=\"deny\"");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Request approved", "You can close this window");
        assertThat(pollDevice(deviceClient, device.deviceCode()).accessToken()).isNotBlank();
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isEqualTo(2);
    }

    @Test
    void devicePageDeniesOverHttpAndAcceptsACodeTypedLoosely() throws Exception {
        StartDeviceAuthorizationResponse device = startDevice(registerDeviceClient());

        HttpResponse<String> empty = get(URI.create(device.verificationUri()));
        HttpResponse<String> done = post("/device", Map.of("user_code",
                " " + device.userCode().replace("-", "").toLowerCase() + " ", "decision", "deny"));
        HttpResponse<String> again = post("/device", Map.of("user_code", device.userCode(), "decision", "allow"));

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"user_code\"", "value=\"\"", "id=\"allow\"");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Request denied", "You can close this window");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("is not valid, has expired or was already used");
    }

    @Test
    void hostileValuesAreEscaped() throws Exception {
        RegisterClientResponse hostile = registerPkceClient(HOSTILE);
        StartDeviceAuthorizationResponse device = startDevice(hostile);
        this.emulator.setUserName(HOSTILE);

        HttpResponse<String> authorize = get(authorizeUrl(hostile.clientId(), "\"><script>x</script>",
                Pkce.challenge(this.verifier)));
        HttpResponse<String> devicePage = get(URI.create(device.verificationUriComplete()));
        HttpResponse<String> unknownCode = get(URI.create(device.verificationUri() + "?user_code="
                + "%3Cscript%3Ex%3C%2Fscript%3E"));
        HttpResponse<String> error = get(authorizeUrl(HOSTILE, this.state, "challenge"));

        assertThat(authorize.statusCode()).isEqualTo(200);
        assertThat(authorize.body()).contains(HOSTILE_ESCAPED,
                "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
        assertThat(devicePage.body()).contains(HOSTILE_ESCAPED);
        assertThat(unknownCode.statusCode()).isEqualTo(400);
        assertThat(unknownCode.body()).contains("&lt;script&gt;x&lt;/script&gt;");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).contains(HOSTILE_ESCAPED);
        for (HttpResponse<String> page : new HttpResponse[] { authorize, devicePage, unknownCode, error }) {
            assertThat(page.body()).doesNotContain("<script>", HOSTILE);
        }
    }

    @Test
    void callCountsOfTheNewOperations() throws Exception {
        RegisterClientResponse deviceClient = registerDeviceClient();
        StartDeviceAuthorizationResponse device = startDevice(deviceClient);
        get(URI.create(device.verificationUriComplete()));
        post("/device", Map.of("user_code", device.userCode(), "decision", "allow"));
        get(authorizeUrl());
        pollDevice(deviceClient, device.deviceCode());

        assertThat(this.emulator.callCount(Operation.REGISTER_CLIENT)).isEqualTo(2);
        assertThat(this.emulator.callCount(Operation.START_DEVICE_AUTHORIZATION)).isOne();
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isEqualTo(3);
        assertThat(this.emulator.callCount(Operation.CREATE_TOKEN)).isOne();
        this.emulator.resetCallCounts();
        assertThat(this.emulator.callCount(Operation.AUTHORIZE)).isZero();
    }

    @Test
    void faultsOfTheNewOperations() throws Exception {
        this.emulator.injectFault(Operation.REGISTER_CLIENT, Fault.status(500, "InternalServerException").times(1));
        this.emulator.injectFault(Operation.START_DEVICE_AUTHORIZATION, Fault.malformedJson().times(1));
        this.emulator.injectFault(Operation.AUTHORIZE, Fault.status(503, "ServiceUnavailableException").times(1));

        assertThatExceptionOfType(InternalServerException.class).isThrownBy(this::registerDeviceClient);
        assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> startDevice(this.client));
        HttpResponse<String> unavailable = get(authorizeUrl());

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(unavailable.body()).contains("Fault injected by the emulator");
        assertThat(get(authorizeUrl()).statusCode()).isEqualTo(200);
        assertThat(startDevice(this.client).userCode()).isNotBlank();
    }

    @Test
    void issuedSecretsHoldCodesAndClientSecretsButNotUserCodes() throws Exception {
        RegisterClientResponse deviceClient = registerDeviceClient();
        StartDeviceAuthorizationResponse device = startDevice(deviceClient);
        this.emulator.approveDevice(device.userCode());
        CreateTokenResponse deviceTokens = pollDevice(deviceClient, device.deviceCode());
        Map<String, String> form = hiddenFields(get(authorizeUrl()).body());
        form.put("decision", "allow");
        String code = query(URI.create(post("/authorize", form).headers().firstValue("Location").orElseThrow()))
            .get("code");

        assertThat(this.emulator.issuedSecrets()).contains(this.client.clientSecret(), deviceClient.clientSecret(),
                device.deviceCode(), code, deviceTokens.accessToken(), deviceTokens.refreshToken())
            .doesNotContain(device.userCode(), this.client.clientId(), deviceClient.clientId());
    }

    private URI authorizeUrl() {
        return authorizeUrl(this.client.clientId(), this.state, Pkce.challenge(this.verifier));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(this.emulator.endpoint().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(formEncode(form)))
            .build(), BodyHandlers.ofString());
    }

    /**
     * The hidden fields of the page's form, unescaped.
     */
    static Map<String, String> hiddenFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN_FIELD.matcher(page);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&");
    }

}
