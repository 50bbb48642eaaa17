package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.core.SsoSessionException;
import dev.awssso.emulator.IdentityCenterEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The actuator of an application with named roles, on a real port: the roles section of the status, the caller
 * identity of each role, and the health made of one indicator per role, where a role whose assignment was removed
 * is down while the others are up. Roles: {@code tools} (another account), {@code deploy} (a role assumed with
 * STS) and {@code ops} (a role the user is not assigned).
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "aws.sso.roles.tools.account-id=222233334444",
                "aws.sso.roles.tools.role-name=ReadOnly", "aws.sso.roles.deploy.account-id=111122223333",
                "aws.sso.roles.deploy.role-name=PowerUser",
                "aws.sso.roles.deploy.assume-role.role-arn=" + RolesWebTests.DEPLOYER,
                "aws.sso.roles.deploy.assume-role.session-name=my-app", "aws.sso.roles.ops.account-id=333344445555",
                "aws.sso.roles.ops.role-name=Ops" })
class RolesWebTests {

    static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final IdentityCenterEmulator emulator = WebTestApplication.startEmulator();

    private static final Path home = WebTestApplication.newHome();

    @LocalServerPort
    int port;

    @Autowired
    AwsSsoRoles roles;

    private ActuatorClient actuator;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        WebTestApplication.register(registry, emulator, home);
        emulator.allowAssumeRole(IdentityCenterEmulator.roleArn("111122223333", "PowerUser"), DEPLOYER);
        emulator.denyRole("333344445555", "Ops");
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void fetchTheServedRoles() {
        this.actuator = new ActuatorClient(this.port);
        for (String role : List.of("default", "tools", "deploy")) {
            this.roles.credentialsProvider(role).resolveCredentials();
        }
    }

    @Test
    void theStatusHasARolesSectionAfterTheSessionsFields() {
        JsonNode status = ActuatorClient.json(this.actuator.get("/actuator/awssso"));

        assertThat(status.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(status.get("identity").get("accountId").asString()).isEqualTo("111122223333");
        assertThat(status.get("token").get("refreshable").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        status.get("roles").forEach((role) -> names.add(role.get("name").asString()));
        assertThat(names).containsExactly("default", "tools", "deploy", "ops");

        JsonNode tools = status.get("roles").get(1);
        assertThat(tools.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(tools.get("role").get("accountId").asString()).isEqualTo("222233334444");
        assertThat(tools.get("role").get("roleName").asString()).isEqualTo("ReadOnly");
        assertThat(tools.get("role").get("signIn").asString()).startsWith("sso-session 'corp'");
        assertThat(Instant.parse(tools.get("credentials").get("expiresAt").asString())).isAfter(Instant.now());
        assertThat(Instant.parse(tools.get("credentials").get("nextRefreshAt").asString())).isAfter(Instant.now());
        assertThat(tools.get("credentials").get("lastRefresh").get("succeeded").asBoolean()).isTrue();
        assertThat(tools.get("credentials").get("accessKeyId").asString()).matches("ASIA….{4}");

        JsonNode deploy = status.get("roles").get(2);
        assertThat(deploy.get("role").get("accountId").asString()).isEqualTo("555566667777");
        assertThat(deploy.get("role").get("roleName").asString()).isEqualTo("Deployer");
        assertThat(deploy.get("role").get("assumedRoleArn").asString()).isEqualTo(DEPLOYER);
        assertThat(deploy.get("role").get("ssoRoleName").asString()).isEqualTo("PowerUser");
        assertThat(deploy.get("state").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void answersTheCallerIdentityOfEachRole() {
        assertThat(identity("/actuator/awssso/identity").get("account").asString()).isEqualTo("111122223333");
        assertThat(identity("/actuator/awssso/identity?role=default").get("account").asString())
            .isEqualTo("111122223333");
        assertThat(identity("/actuator/awssso/identity?role=tools").get("arn").asString())
            .startsWith("arn:aws:sts::222233334444:assumed-role/ReadOnly/");
        assertThat(identity("/actuator/awssso/identity?role=deploy").get("arn").asString())
            .isEqualTo("arn:aws:sts::555566667777:assumed-role/Deployer/my-app");

        HttpResponse<String> unknown = this.actuator.get("/actuator/awssso/identity?role=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ActuatorClient.json(unknown).get("error").asString())
            .isEqualTo("Unknown role 'nope': the roles are default, tools, deploy, ops (aws.sso.roles)");
    }

    @Test
    void theHealthHasAnIndicatorPerRoleAndARemovedAssignmentIsDownWhileTheOthersAreUp() {
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.roles.credentialsProvider("ops").resolveCredentials());

        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.actuator.get("/actuator/health/awssso/ops").statusCode() == 503);
        JsonNode ops = ActuatorClient.json(this.actuator.get("/actuator/health/awssso/ops"));
        assertThat(ops.get("status").asString()).isEqualTo("DOWN");
        assertThat(ops.get("details").get("state").asString()).isEqualTo("UNUSABLE");
        assertThat(ops.get("details").get("account").asString()).isEqualTo("333344445555");
        assertThat(ops.get("details").get("action").asString()).contains("assign role 'Ops' in account 333344445555");
        for (String up : List.of("default", "tools", "deploy")) {
            HttpResponse<String> health = this.actuator.get("/actuator/health/awssso/" + up);
            assertThat(health.statusCode()).as("%s: %s", up, health.body()).isEqualTo(200);
        }
        JsonNode sessionAndDefaultRole = ActuatorClient.json(this.actuator.get("/actuator/health/awssso/default"));
        assertThat(sessionAndDefaultRole.get("details").get("state").asString()).isEqualTo("ACTIVE");
        assertThat(sessionAndDefaultRole.get("details").get("tokenExpiresAt")).isNotNull();
        assertThat(ActuatorClient.json(this.actuator.get("/actuator/health/awssso/deploy")).get("details")
            .get("assumedRoleArn")
            .asString()).isEqualTo(DEPLOYER);

        HttpResponse<String> all = this.actuator.get("/actuator/health/awssso");
        assertThat(all.statusCode()).isEqualTo(503);
        JsonNode components = ActuatorClient.json(all).get("components");
        assertThat(components.get("ops").get("status").asString()).isEqualTo("DOWN");
        assertThat(components.get("tools").get("status").asString()).isEqualTo("UP");

        JsonNode opsStatus = ActuatorClient.json(this.actuator.get("/actuator/awssso")).get("roles").get(3);
        assertThat(opsStatus.get("failure").get("kind").asString()).isEqualTo("ACCESS_DENIED");
        assertThat(opsStatus.get("failure").get("message").asString()).contains("ForbiddenException");
    }

    private JsonNode identity(String path) {
        HttpResponse<String> response = this.actuator.get(path);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return ActuatorClient.json(response);
    }
}
