package dev.awssso.sample.session;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import dev.awssso.sample.demo.DemoEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page's API over HTTP, without a browser: the session view with the demo's roles and the page's next
 * action, sign-in with PKCE and with a device code approved at the emulator, sign-out, and what the actions refuse.
 * No answer holds a secret.
 */
@StatusPageTest
class SessionApiTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static final String ARN = "arn:aws:sts::" + IdentityCenterEmulator.DEFAULT_ACCOUNT_ID + ":assumed-role/"
            + IdentityCenterEmulator.DEFAULT_ROLE_NAME + "/" + IdentityCenterEmulator.DEFAULT_USER_NAME;

    @LocalServerPort
    private int port;

    @Autowired
    private IdentityCenterEmulator emulator;

    private RestClient client;

    @BeforeEach
    void signOut() {
        this.client = RestClient.builder()
            .baseUrl("http://127.0.0.1:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
        assertThat(post("/api/sign-out", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(state()).isEqualTo("SIGNED_OUT");
    }

    @AfterEach
    void clearFaults() {
        this.emulator.clearFaults();
    }

    @Test
    void signsInWithADeviceCodeAndShowsTheCallerWithoutSecrets() {
        ResponseEntity<Map<String, Object>> started = post("/api/sign-in", "{\"flow\":\"device-code\"}");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String userCode = (String) started.getBody().get("userCode");
        assertThat(started.getBody()).containsEntry("flow", "DEVICE_CODE");
        assertThat((String) started.getBody().get("url")).endsWith("/device?user_code=" + userCode);

        Map<String, Object> pending = session();
        assertThat(status(pending)).containsEntry("state", "LOGIN_PENDING");
        assertThat(pending).as("the sign-in box shows its time, in local time")
            .containsEntry("nextAction", SessionViews.PENDING_SIGN_IN);
        assertThat(object(status(pending), "login")).as("the code is for whoever started the sign-in")
            .containsEntry("flow", "DEVICE_CODE")
            .doesNotContainKey("userCode")
            .doesNotContainKey("url");
        assertThat(pending.get("caller")).isNull();

        this.emulator.approveDevice(userCode);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(state()));
        Map<String, Object> active = session();
        assertThat(object(active, "caller")).containsEntry("arn", ARN)
            .containsEntry("account", IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        assertThat(active).containsEntry("signInFlow", "PKCE").containsEntry("callerProblem", null);
        String body = this.client.get().uri("/api/session").retrieve().body(String.class);
        assertThat(this.emulator.issuedSecrets()).isNotEmpty().allSatisfy((secret) -> assertThat(body)
            .doesNotContain(secret));

        assertThat(status(post("/api/sign-out", "{}").getBody())).containsEntry("state", "SIGNED_OUT");
        assertThat(session().get("caller")).isNull();
    }

    @Test
    void pointsAtThePagesSignInButtonInDemoMode() {
        Map<String, Object> signedOut = session();

        assertThat(signedOut).containsEntry("nextAction", SessionViews.DEMO_SIGN_IN);
        assertThat((String) status(signedOut).get("nextAction")).as("the starter's own, for a terminal")
            .contains("aws sso login --sso-session " + DemoEmulator.SESSION_NAME);

        signInWithDeviceCode();
        assertThat(session()).containsEntry("nextAction", "Nothing: the session is active.");
    }

    @Test
    void showsEveryRoleWithWhoAwsSeesBehindIt() {
        signInWithDeviceCode();

        await().atMost(Duration.ofSeconds(10))
            .until(() -> roles(session()).stream().allMatch((role) -> role.get("caller") != null));
        Map<String, Object> view = session();
        List<Map<String, Object>> roles = roles(view);
        assertThat(roles).extracting((role) -> object(role, "status").get("name"))
            .containsExactly("default", "tools", "audit", "deploy");
        assertThat(roles).extracting((role) -> object(role, "caller").get("arn"))
            .containsExactly(ARN, "arn:aws:sts::" + DemoEmulator.TOOLS_ACCOUNT + ":assumed-role/ReadOnly/"
                    + IdentityCenterEmulator.DEFAULT_USER_NAME,
                    "arn:aws:sts::" + DemoEmulator.AUDIT_ACCOUNT + ":assumed-role/Auditor/"
                            + IdentityCenterEmulator.DEFAULT_USER_NAME,
                    "arn:aws:sts::555566667777:assumed-role/Deployer/" + DemoEmulator.DEPLOY_SESSION_NAME);
        assertThat(roles).allSatisfy((role) -> {
            assertThat(object(role, "status")).containsEntry("state", "ACTIVE");
            assertThat(object(object(role, "status"), "credentials").get("expiresAt")).isNotNull();
        });
        Map<String, Object> deploy = object(roles.get(3), "status");
        assertThat(object(deploy, "role")).containsEntry("accountId", "555566667777")
            .containsEntry("roleName", "Deployer")
            .containsEntry("assumedRoleArn", DemoEmulator.DEPLOYER_ROLE_ARN)
            .containsEntry("ssoRoleName", IdentityCenterEmulator.DEFAULT_ROLE_NAME);
        String body = this.client.get().uri("/api/session").retrieve().body(String.class);
        assertThat(this.emulator.issuedSecrets()).isNotEmpty().allSatisfy((secret) -> assertThat(body)
            .doesNotContain(secret));

        List<Map<String, Object>> signedOut = roles(post("/api/sign-out", "{}").getBody());
        assertThat(signedOut).allSatisfy((role) -> {
            assertThat(object(role, "status")).containsEntry("state", "SIGNED_OUT");
            assertThat(role.get("caller")).isNull();
        });
    }

    @Test
    void signsInWithTheConfiguredFlowPkce() {
        ResponseEntity<Map<String, Object>> started = post("/api/sign-in", "{}");
        assertThat(started.getBody()).containsEntry("flow", "PKCE").containsEntry("userCode", null);

        URI callback = this.emulator.approveAuthorization(URI.create((String) started.getBody().get("url")));
        assertThat(this.client.get().uri(callback).retrieve().body(String.class)).contains("Signed in");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(state()));
        assertThat(object(session(), "caller")).containsEntry("arn", ARN);
    }

    @Test
    void asksStsOncePerSetOfCredentials() {
        signInWithDeviceCode();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> first = session();
            long calls = this.emulator.callCount(Operation.GET_CALLER_IDENTITY);
            Map<String, Object> second = session();
            assertThat(credentialsExpireAt(second)).as("the same role credentials")
                .isNotNull()
                .isEqualTo(credentialsExpireAt(first));
            assertThat(this.emulator.callCount(Operation.GET_CALLER_IDENTITY))
                .as("GetCallerIdentity calls for the same credentials")
                .isEqualTo(calls);
        });
    }

    @Test
    void cancelsAPendingSignIn() {
        post("/api/sign-in", "{\"flow\":\"device-code\"}");
        assertThat(state()).isEqualTo("LOGIN_PENDING");

        Map<String, Object> cancelled = post("/api/sign-in/cancel", "{}").getBody();
        assertThat(status(cancelled)).containsEntry("state", "SIGNED_OUT");
        assertThat(object(status(cancelled), "login")).containsEntry("state", "CANCELLED");
    }

    @Test
    void signingOutStopsAPendingSignIn() {
        post("/api/sign-in", "{\"flow\":\"device-code\"}");
        assertThat(state()).isEqualTo("LOGIN_PENDING");

        Map<String, Object> signedOut = post("/api/sign-out", "{}").getBody();
        assertThat(status(signedOut)).containsEntry("state", "SIGNED_OUT");
        assertThat(object(status(signedOut), "login")).containsEntry("state", "CANCELLED");
    }

    @Test
    void reportsASignInThatCannotStart() {
        this.emulator.injectFault(Operation.START_DEVICE_AUTHORIZATION,
                Fault.status(500, "InternalServerException").times(10));
        ResponseEntity<Map<String, Object>> refused = post("/api/sign-in", "{\"flow\":\"device-code\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat((String) refused.getBody().get("detail")).startsWith("The sign-in could not start");
    }

    @Test
    void refusesAnUnknownFlow() {
        ResponseEntity<Map<String, Object>> refused = post("/api/sign-in", "{\"flow\":\"carrier-pigeon\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("detail")).contains("use pkce or device-code");
        assertThat(state()).isEqualTo("SIGNED_OUT");
    }

    @Test
    void takesNoActionPostedAsAForm() {
        signInWithDeviceCode();
        ResponseEntity<Void> form = this.client.post()
            .uri("/api/sign-out")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body("x=1")
            .retrieve()
            .toBodilessEntity();
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(state()).isEqualTo("ACTIVE");
    }

    private void signInWithDeviceCode() {
        String userCode = (String) post("/api/sign-in", "{\"flow\":\"device-code\"}").getBody().get("userCode");
        this.emulator.approveDevice(userCode);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(state()));
    }

    private ResponseEntity<Map<String, Object>> post(String path, String json) {
        return this.client.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json)
            .retrieve()
            .toEntity(JSON);
    }

    private Map<String, Object> session() {
        ResponseEntity<Map<String, Object>> response = this.client.get().uri("/api/session").retrieve().toEntity(JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private String state() {
        return (String) status(session()).get("state");
    }

    private static Object credentialsExpireAt(Map<String, Object> view) {
        return object(status(view), "credentials").get("expiresAt");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> roles(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("roles");
    }

    private static Map<String, Object> status(Map<String, Object> view) {
        return object(view, "status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }
}
