package dev.awssso.autoconfigure.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.SsoConfigurationFailureAnalyzerAccess;
import dev.awssso.boot.AwsSsoRoles;
import dev.awssso.core.SsoSessionException;
import dev.awssso.core.credentials.RefreshingCredentialsProvider;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Runs every feature (refresh, faults, sign-in, sign-out, endpoint, health, metrics, events, failure analysis),
 * with a named role and an assumed role beside the default one, with debug logging and checks that no secret the
 * emulator issued (access and refresh tokens, client secrets, device and authorization codes, secret access keys,
 * session tokens) shows up in a log line, a JSON body, an exception, a {@code toString()}, an event or a metric.
 */
@SpringBootTest(classes = { WebTestApplication.class, SecretsTests.EventCollector.class },
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoint.awssso.access=unrestricted", "logging.level.dev.awssso=debug",
                "aws.sso.roles.tools.account-id=222233334444", "aws.sso.roles.tools.role-name=ReadOnly",
                "aws.sso.roles.deploy.assume-role.role-arn=" + SecretsTests.DEPLOYER,
                "aws.sso.roles.deploy.assume-role.external-id=deploy-2024" })
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

    static final String DEPLOYER = "arn:aws:iam::555566667777:role/Deployer";

    private static final IdentityCenterEmulator emulator = WebTestApplication.startEmulator();

    private static final Path home = WebTestApplication.newHome();

    @LocalServerPort
    int port;

    @Autowired
    SsoEngine engine;

    @Autowired
    AwsCredentialsProvider credentials;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventCollector events;

    @Autowired
    AwsSsoRoles roles;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        WebTestApplication.register(registry, emulator, home);
        emulator.allowAssumeRole(IdentityCenterEmulator.roleArn("111122223333", "ReadOnly"), DEPLOYER, "deploy-2024");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void noSecretShowsAnywhere(CapturedOutput output) {
        ActuatorClient actuator = new ActuatorClient(this.port);
        List<String> seen = new ArrayList<>();

        emulator.setTokenLifetime(Duration.ofSeconds(3));
        emulator.setCredentialsLifetime(Duration.ofSeconds(3));
        EmulatedSession session = emulator.signIn(WebTestApplication.SESSION);
        session.writeCacheFile(WebTestApplication.cacheDir(home));
        await().atMost(Duration.ofSeconds(30)).until(() -> this.engine.tokens().currentToken().isPresent());
        seen.add(this.credentials.resolveCredentials().toString());
        for (String role : List.of("tools", "deploy")) {
            seen.add(this.roles.credentialsProvider(role).resolveCredentials().toString());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.callCount(Operation.CREATE_TOKEN) >= 1
                && emulator.callCount(Operation.GET_ROLE_CREDENTIALS) >= 2
                && emulator.callCount(Operation.ASSUME_ROLE) >= 1);

        for (Fault fault : List.of(Fault.malformedJson(), Fault.connectionReset(),
                Fault.status(503, "ServiceUnavailableException"), Fault.status(418, "TeapotException"))) {
            emulator.injectFault(Operation.GET_ROLE_CREDENTIALS, fault);
            emulator.injectFault(Operation.CREATE_TOKEN, fault);
            emulator.injectFault(Operation.ASSUME_ROLE, fault);
            seen.add(actuator.post("/actuator/awssso/refresh").body());
            for (String role : List.of("tools", "deploy")) {
                seen.add(failureOf(() -> ((RefreshingCredentialsProvider) this.roles.credentialsProvider(role)).refreshNow()));
            }
            seen.add(actuator.get("/actuator/awssso").body());
            seen.add(actuator.get("/actuator/health/awssso").body());
            emulator.clearFaults();
        }
        seen.add(actuator.post("/actuator/awssso/refresh").body());
        for (String path : List.of("/actuator/awssso", "/actuator/awssso/identity", "/actuator/awssso/accounts",
                "/actuator/awssso/identity?role=tools", "/actuator/awssso/identity?role=deploy",
                "/actuator/awssso/identity?role=nope", "/actuator/health", "/actuator/health/awssso",
                "/actuator/health/awssso/tools", "/actuator/health/awssso/deploy")) {
            seen.add(actuator.get(path).body());
        }
        assertThat(ActuatorClient.json(actuator.get("/actuator/awssso")).get("roles")).as("the roles section")
            .hasSize(3);
        seen.add(this.roles.statuses().toString());
        seen.add(this.roles.signIns().toString() + this.roles.credentialsProvider("deploy"));

        emulator.endSession(session);
        seen.add(actuator.post("/actuator/awssso/refresh").body());
        seen.add(actuator.get("/actuator/awssso/accounts").body());
        seen.add(actuator.get("/actuator/health/awssso").body());
        seen.add(assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> this.engine.tokens().refreshNow())
            .actual()
            .toString());

        JsonNode login = ActuatorClient.json(actuator.post("/actuator/awssso/login", "{\"flow\":\"device-code\"}"));
        seen.add(login.toString());
        emulator.approveDevice(login.get("signIn").get("userCode").asString());
        await().atMost(Duration.ofSeconds(10))
            .until(() -> ActuatorClient.json(actuator.get("/actuator/awssso")).get("state").asString(), "ACTIVE"::equals);
        String pkceStart = actuator.post("/actuator/awssso/login", "{\"flow\":\"pkce\"}").body();
        Matcher pkceState = Pattern.compile("[?&]state=([^&\\s\"]+)").matcher(pkceStart);
        assertThat(pkceState.find()).as("the starter gets the authorize URL: " + pkceStart).isTrue();
        seen.add(actuator.get("/actuator/awssso").body());
        seen.add(actuator.get("/actuator/health/awssso").body());
        seen.add(actuator.post("/actuator/awssso/cancel").body());
        seen.add(actuator.post("/actuator/awssso/logout").body());
        seen.add(actuator.get("/actuator/awssso").body());
        seen.add(this.engine.status().toString());
        seen.add(this.engine.tokens().toString() + this.engine.credentialsProvider());

        this.events.events.forEach((event) -> seen.add(event.toString()));
        this.meters.getMeters().stream().map(Meter::getId).forEach((id) -> seen.add(id.toString()));
        String analysis = failureAnalysisOfABadConfiguration();
        assertThat(analysis).contains("aws.sso.start-url");
        seen.add(analysis);
        seen.add(output.getAll());

        assertThat(this.events.events).isNotEmpty();
        assertThat(emulator.issuedSecrets()).hasSizeGreaterThan(10);
        assertThat(leaks(seen, emulator.issuedSecrets())).isEmpty();
        assertThat(leaks(seen, Set.of(pkceState.group(1)))).as("the PKCE state").isEmpty();
    }

    /** The exception a call throws, in words; nothing when it succeeds. */
    private static String failureOf(Runnable call) {
        try {
            call.run();
            return "";
        }
        catch (RuntimeException ex) {
            return ex.toString();
        }
    }

    /** Where each secret that shows up does, with a little context (the secret itself masked). */
    private static List<String> leaks(List<String> seen, Set<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String secret : secrets) {
            for (int i = 0; i < seen.size(); i++) {
                int at = seen.get(i).indexOf(secret);
                if (at >= 0) {
                    String before = seen.get(i).substring(Math.max(0, at - 80), at);
                    leaks.add("output #" + i + " after: " + before);
                }
            }
        }
        return leaks;
    }

    private String failureAnalysisOfABadConfiguration() {
        StringBuilder analysis = new StringBuilder();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.start-url=ftp://x",
                    "aws.sso.account-id=42", "aws.sso.cache-dir=" + WebTestApplication.cacheDir(home))
            .run((context) -> analysis.append(SsoConfigurationFailureAnalyzerAccess.describe(context.getStartupFailure())));
        return analysis.toString();
    }

    /** Collects every session event published as an application event. */
    @Configuration(proxyBeanMethods = false)
    static class EventCollector {

        final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SessionEvent event) {
            this.events.add(event);
        }
    }
}
