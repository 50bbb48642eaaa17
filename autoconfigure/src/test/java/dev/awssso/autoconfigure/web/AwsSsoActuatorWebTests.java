package dev.awssso.autoconfigure.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator on a real port with the default, read-only access: status, identity, accounts (paged, partial) and
 * health of a session that the emulator ends and a new sign-in restores, without a restart.
 */
@EmulatedWebTest
class AwsSsoActuatorWebTests {

    @Autowired
    IdentityCenterEmulator emulator;

    @Value("${HOME}")
    Path home;

    @LocalServerPort
    int port;

    @Autowired
    SsoEngine engine;

    private ActuatorClient actuator;

    private EmulatedSession session;

    @BeforeEach
    void signIn() {
        this.actuator = new ActuatorClient(this.port);
        emulator.setTokenLifetime(Duration.ofMinutes(30));
        this.session = emulator.signIn(WebTestApplication.SESSION);
        this.session.writeCacheFile(WebTestApplication.cacheDir(home));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.engine.tokens().currentToken().map((token) -> token.accessToken())
                .filter(this.session.accessToken()::equals)
                .isPresent());
    }

    @Test
    void statusShowsTheDocumentedFields() {
        this.engine.credentialsProvider().resolveCredentials();

        HttpResponse<String> response = this.actuator.get("/actuator/awssso");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = ActuatorClient.json(response);
        assertThat(status.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(status.get("nextAction").asString()).isEqualTo("Nothing: the session is active.");
        assertThat(status.get("identity").get("sessionName").asString()).isEqualTo("corp");
        assertThat(status.get("identity").get("accountId").asString()).isEqualTo("111122223333");
        assertThat(status.get("identity").get("roleName").asString()).isEqualTo("ReadOnly");
        assertThat(status.get("token").get("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status.get("token").get("refreshable").asBoolean()).isTrue();
        assertThat(status.get("token").get("cacheFile").asString()).startsWith(home.toString());
        assertThat(status.get("credentials").get("accessKeyId").asString()).matches("ASIA….{4}");
        assertThat(status.get("credentials").get("lastRefresh").get("succeeded").asBoolean()).isTrue();
        assertThat(Instant.parse(status.get("session").get("endsAt").asString())).as("8 hours after the sign-in")
            .isAfter(Instant.now().plus(Duration.ofHours(7)));
        assertThat(status.get("session").get("endConfirmed").asBoolean()).isFalse();
        assertThat(status.get("roles")).as("the default role, without named roles").hasSize(1);
        assertThat(status.get("roles").get(0).get("name").asString()).isEqualTo("default");
        assertThat(status.get("roles").get(0).get("role").get("roleName").asString()).isEqualTo("ReadOnly");
    }

    @Test
    void writeOperationsAreRefusedByDefault() {
        for (String action : new String[] { "refresh", "login", "logout", "cancel" }) {
            assertThat(this.actuator.post("/actuator/awssso/" + action).statusCode()).as("POST %s", action)
                .isEqualTo(405);
        }
        assertThat(this.engine.tokens().currentToken()).as("still signed in")
            .hasValueSatisfying((token) -> assertThat(token.accessToken()).isEqualTo(this.session.accessToken()));
        assertThat(this.engine.login().last()).as("no sign-in started").isEmpty();
    }

    @Test
    void answersTheCallerIdentityAndTheAccounts() {
        JsonNode identity = ActuatorClient.json(this.actuator.get("/actuator/awssso/identity"));
        assertThat(identity.get("account").asString()).isEqualTo("111122223333");
        assertThat(identity.get("arn").asString()).startsWith("arn:aws:sts::111122223333:assumed-role/ReadOnly/");

        JsonNode listing = ActuatorClient.json(this.actuator.get("/actuator/awssso/accounts"));
        JsonNode accounts = listing.get("accounts");
        assertThat(accounts.isArray()).as("a list of accounts: %s", listing).isTrue();
        assertThat(accounts.get(0).get("accountId").asString()).isEqualTo("111122223333");
        assertThat(accounts.get(0).get("roleNames").toString()).contains("ReadOnly");
        assertThat(listing.get("rolesNotListed").isEmpty()).as("complete: %s", listing).isTrue();
        assertThat(listing.get("totalAccounts").asInt()).isEqualTo(accounts.size());

        assertThat(this.actuator.get("/actuator/awssso/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesTheAccountsAndNamesThoseWhoseRolesCouldNotBeListed() {
        String other = "444455556666";
        emulator.addAccount(other, "Other", "Developer");
        emulator.injectFault(Operation.LIST_ACCOUNT_ROLES, Fault.status(403, "ForbiddenException").forAccount(other));
        try {
            JsonNode first = ActuatorClient.json(this.actuator.get("/actuator/awssso/accounts?page=0&size=1"));
            assertThat(first.get("accounts").get(0).get("accountId").asString()).isEqualTo("111122223333");
            assertThat(first.get("rolesNotListed").isEmpty()).as("complete: %s", first).isTrue();
            assertThat(first.get("nextPage").asInt()).isEqualTo(1);
            assertThat(first.get("totalAccounts").asInt()).isEqualTo(2);

            JsonNode second = ActuatorClient.json(this.actuator.get("/actuator/awssso/accounts?page=1&size=1"));
            assertThat(second.get("accounts").isEmpty()).as("partial: %s", second).isTrue();
            assertThat(second.get("rolesNotListed").get(0).get("accountId").asString()).isEqualTo(other);
            assertThat(second.get("rolesNotListed").get(0).get("reason").asString())
                .contains("ListAccountRoles was refused with ForbiddenException");
            assertThat(second.get("nextPage").isNull()).isTrue();

            HttpResponse<String> invalid = this.actuator.get("/actuator/awssso/accounts?page=0&size=0");
            assertThat(invalid.statusCode()).isEqualTo(400);
        }
        finally {
            emulator.clearFaults();
        }
    }

    @Test
    void healthGoesDownWhenTheSessionEndsAndUpAgainAfterANewSignIn() {
        assertThat(this.actuator.get("/actuator/health/awssso").statusCode()).isEqualTo(200);
        emulator.setTokenLifetime(Duration.ofSeconds(2));
        EmulatedSession shortLived = emulator.signIn(WebTestApplication.SESSION);
        shortLived.writeCacheFile(WebTestApplication.cacheDir(home));
        emulator.endSession(shortLived);

        await().atMost(Duration.ofSeconds(10)).until(() -> this.actuator.get("/actuator/health/awssso").statusCode() == 503);
        JsonNode down = ActuatorClient.json(this.actuator.get("/actuator/health/awssso"));
        assertThat(down.get("status").asString()).isEqualTo("DOWN");
        assertThat(down.get("details").get("state").asString()).isEqualTo("EXPIRED");
        assertThat(down.get("details").get("action").asString()).contains("aws sso login --sso-session corp");

        emulator.setTokenLifetime(Duration.ofMinutes(30));
        emulator.signIn(WebTestApplication.SESSION).writeCacheFile(WebTestApplication.cacheDir(home));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.actuator.get("/actuator/health/awssso").statusCode() == 200);
        assertThat(ActuatorClient.json(this.actuator.get("/actuator/health")).get("status").asString()).isEqualTo("UP");
    }
}
