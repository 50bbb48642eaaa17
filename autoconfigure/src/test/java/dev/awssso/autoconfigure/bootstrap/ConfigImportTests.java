package dev.awssso.autoconfigure.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.core.status.SessionEvent.CredentialsRefreshed;
import dev.awssso.core.status.SessionState;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.config.import} of Spring Cloud AWS's Parameter Store and Secrets Manager, resolved with the
 * starter's credentials and region, through the real SDK clients against the emulator, which checks their
 * signatures.
 */
@ExtendWith({ IdentityCenterEmulatorExtension.class, OutputCaptureExtension.class })
class ConfigImportTests {

    @TempDir
    Path home;

    private IdentityCenterEmulator emulator;

    private ConfigurableApplicationContext context;

    @BeforeEach
    void seed(IdentityCenterEmulator emulator) {
        this.emulator = emulator;
        emulator.parameterStore().putString("/config/my-app/greeting", "hello from Parameter Store");
        emulator.parameterStore().putSecureString("/config/my-app/api.key", "k3y");
        emulator.secretsManager().putSecretString("my-app/db", "{\"db.password\":\"s3cr3t\"}");
    }

    @AfterEach
    void close() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void importsWithInlineSettingsAndOneEngineForTheWholeRun() {
        signIn();

        this.context = ImportTestApplication.run("inline", this.emulator, this.home);

        assertImported();
        assertOneEngine();
        SsoEngine engine = this.context.getBean(SsoEngine.class);
        this.context.close();
        assertThatExceptionOfType(SsoSessionException.class)
            .isThrownBy(() -> engine.credentialsProvider().resolveCredentials())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SsoSessionException.Reason.CLOSED));
    }

    @Test
    void theApplicationsListenersHearTheEngineTheImportsStarted() {
        signIn();
        this.context = ImportTestApplication.run("inline", this.emulator, this.home);
        SessionEvents heard = new SessionEvents();
        this.context.addApplicationListener(heard);

        this.context.getBean(SsoEngine.class).refreshNow();

        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(heard.events).hasAtLeastOneElementOfType(CredentialsRefreshed.class));
    }

    @Test
    void importsThroughAnSsoSessionProfile() throws IOException {
        Path config = this.home.resolve(".aws/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                [profile dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                region = eu-west-1

                [sso-session corp]
                sso_start_url = %s
                sso_region = %s
                sso_registration_scopes = sso:account:access
                """.formatted(this.emulator.startUrl(), this.emulator.ssoRegion()));
        signIn();

        this.context = ImportTestApplication.run("profile", this.emulator, this.home);

        assertImported();
        assertThat(this.context.getBean(SsoEngine.class).settings().source().profileName()).isEqualTo("dev");
        assertOneEngine();
    }

    @Test
    void notSignedInTheImportFailsWithTheSignInCommand() {
        int lastEngine = EngineThreads.newestEngine();

        assertThatException().isThrownBy(() -> ImportTestApplication.run("inline", this.emulator, this.home))
            .satisfies((ex) -> {
                FailureAnalysis analysis = new ConfigImportFailureAnalyzer().analyze(ex);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).startsWith("Configuration could not be imported from AWS")
                    .contains("Not signed in to IAM Identity Center")
                    .contains("`aws sso login --sso-session corp`");
                assertThat(analysis.getAction()).contains("aws.sso.login.on-startup=true");
                assertThat(analysis.getCause()).isInstanceOf(ConfigImportCredentialsException.class)
                    .cause()
                    .isInstanceOfSatisfying(SsoSessionException.class,
                            (cause) -> assertThat(cause.reason()).isEqualTo(SsoSessionException.Reason.SIGNED_OUT));
            });
        assertThat(this.emulator.callCount(Operation.GET_PARAMETERS_BY_PATH)).isZero();
        // the threads of a closed engine end a moment after close() returns
        await("the engine of the failed start is closed").atMost(Duration.ofSeconds(30))
            .until(() -> EngineThreads.newestEngine() <= lastEngine);
    }

    @Test
    void anOptionalImportIsSkippedWithAWarning(CapturedOutput output) {
        this.context = ImportTestApplication.run("optional", this.emulator, this.home);

        assertThat(this.context.getEnvironment().getProperty("greeting")).isNull();
        assertThat(output.getAll()).contains("Unable to load AWS parameter from /config/my-app/")
            .contains("`aws sso login --sso-session corp`");
        assertThat(this.context.getBean(SsoEngine.class).status().state()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void aDeviceCodeSignInAtStartUpCompletesBeforeTheImport(CapturedOutput output) throws Exception {
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(
                    () -> ImportTestApplication.run("inline", this.emulator, this.home, "--aws.sso.login.on-startup=true",
                            "--aws.sso.login.flow=device-code"),
                    starter);
            Pattern prompt = Pattern.compile("Open (\\S+) and confirm the code ([A-Z]{4}-[A-Z]{4})");
            Matcher matcher = await().atMost(Duration.ofSeconds(30))
                .until(() -> prompt.matcher(output.getAll()), Matcher::find);
            assertThat(matcher.group(1)).startsWith(this.emulator.endpoint() + "/device");
            assertThat(started).isNotDone();

            this.emulator.approveDevice(matcher.group(2));
            this.context = started.get(60, TimeUnit.SECONDS);
        }
        finally {
            starter.shutdownNow();
        }

        assertImported();
        assertThat(output.getAll()).contains("Signed in to IAM Identity Center");
        assertThat(ImportTestApplication.cacheDir(this.home)).isNotEmptyDirectory();
        assertThat(this.emulator.callCount(Operation.START_DEVICE_AUTHORIZATION)).isOne();
        assertOneEngine();
    }

    /** Session events as the application hears them: Spring events relayed by the starter's listener bean. */
    private static final class SessionEvents implements ApplicationListener<ApplicationEvent> {

        private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof SessionEvent heard) {
                this.events.add(heard);
            }
        }

    }

    private void signIn() {
        this.emulator.signIn(ImportTestApplication.SESSION).writeCacheFile(ImportTestApplication.cacheDir(this.home));
    }

    private void assertImported() {
        assertThat(this.context.getEnvironment().getProperty("greeting")).isEqualTo("hello from Parameter Store");
        assertThat(this.context.getEnvironment().getProperty("api.key")).isEqualTo("k3y");
        assertThat(this.context.getEnvironment().getProperty("db.password")).isEqualTo("s3cr3t");
    }

    /**
     * The engine the imports used is the application's engine: Spring Cloud AWS's clients sign with its
     * credentials provider, and the application's credentials are those fetched once for the imports.
     */
    private void assertOneEngine() {
        assertThat(this.context.getBeansOfType(SsoEngine.class)).hasSize(1);
        SsoEngine engine = this.context.getBean(SsoEngine.class);
        String accessKeyId = engine.credentialsProvider().resolveCredentials().accessKeyId();
        assertThat(this.context.getBean(SsmClient.class)
            .serviceClientConfiguration()
            .credentialsProvider()
            .resolveIdentity()
            .join()
            .accessKeyId()).isEqualTo(accessKeyId);
        assertThat(this.context.getBean(SecretsManagerClient.class)
            .serviceClientConfiguration()
            .credentialsProvider()
            .resolveIdentity()
            .join()
            .accessKeyId()).isEqualTo(accessKeyId);
        assertThat(this.context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
            .isEqualTo(accessKeyId);
        assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isOne();
        assertThat(engine.status().state()).isEqualTo(SessionState.ACTIVE);
    }

}
