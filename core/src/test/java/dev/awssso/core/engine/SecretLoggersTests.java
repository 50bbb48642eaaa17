package dev.awssso.core.engine;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The loggers the engine warns about are every SLF4J logger that writes a secret of a signed call at TRACE. */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class SecretLoggersTests {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @Test
    void theSignerIsTheOnlySdkLoggerThatWritesTheSessionToken(IdentityCenterEmulator emulator) {
        AwsSessionCredentials credentials = roleCredentials(emulator);
        List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.add(event);
            }
        };
        capture.start();
        Level before = this.root.getLevel();
        this.root.addAppender(capture);
        this.root.setLevel(Level.TRACE);
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(emulator.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
            sts.getCallerIdentity();
            assertThat(SecretLoggers.verbose()).contains(SecretLoggers.SIGNER);
        }
        finally {
            this.root.setLevel(before);
            this.root.detachAppender(capture);
        }
        Set<String> leaking = new TreeSet<>();
        for (ILoggingEvent event : events) {
            String message = event.getFormattedMessage();
            if (message.contains(credentials.sessionToken()) || message.contains(credentials.secretAccessKey())) {
                leaking.add(event.getLoggerName());
            }
        }
        assertThat(leaking).containsExactly(SecretLoggers.SIGNER);
    }

    @Test
    void atInfoNothingIsVerbose() {
        assertThat(this.root.getEffectiveLevel().isGreaterOrEqual(Level.INFO)).isTrue();
        assertThat(SecretLoggers.verbose()).isEmpty();
    }

    @Test
    void warnsOnceNamingTheLoggersToKeepAboveDebug() {
        Level before = this.root.getLevel();
        try (LogCapture log = new LogCapture()) {
            this.root.setLevel(Level.DEBUG);
            SecretLoggers.warnOnceIfVerbose();
            SecretLoggers.warnOnceIfVerbose();
            assertThat(log.warnings()).filteredOn((warning) -> warning.contains("write AWS secrets")).singleElement()
                .asString()
                .contains(SecretLoggers.SIGNER, "logging.level.software.amazon.awssdk.http.auth=info");
        }
        finally {
            this.root.setLevel(before);
        }
    }

    private static AwsSessionCredentials roleCredentials(IdentityCenterEmulator emulator) {
        String accessToken = emulator.signIn(EngineFixture.SESSION).accessToken();
        try (SsoClient sso = SsoClient.builder().region(Region.US_EAST_1).endpointOverride(emulator.endpoint())
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create()).build()) {
            RoleCredentials role = sso.getRoleCredentials((request) -> request.accessToken(accessToken)
                .accountId(EngineFixture.ACCOUNT).roleName(EngineFixture.ROLE)).roleCredentials();
            return AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken());
        }
    }
}
