package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws.sso.login.on-startup=true}: the sign-in starts when the application is ready and nobody is signed
 * in, and what the user must do is logged exactly once, even when the ready event arrives twice (as it does in
 * a parent context when a child context is ready too).
 */
@ExtendWith({ IdentityCenterEmulatorExtension.class, OutputCaptureExtension.class })
class LoginOnStartupTests {

    @TempDir
    Path home;

    @Test
    void logsTheDeviceCodePromptExactlyOnce(IdentityCenterEmulator emulator, CapturedOutput output) {
        runner(emulator).withPropertyValues("aws.sso.login.flow=device-code").run((context) -> {
            ready(context);
            ready(context);

            LoginAttempt attempt = context.getBean(SsoEngine.class).login().pending().orElseThrow();
            assertThat(occurrences(output.getAll(), attempt.prompt().instructions())).isOne();
            assertThat(occurrences(output.getAll(), attempt.prompt().url().toString())).isOne();
        });
    }

    @Test
    void logsThePkcePromptExactlyOnce(IdentityCenterEmulator emulator, CapturedOutput output) {
        runner(emulator).withPropertyValues("aws.sso.login.flow=pkce").run((context) -> {
            ready(context);
            ready(context);

            LoginAttempt attempt = context.getBean(SsoEngine.class).login().pending().orElseThrow();
            assertThat(occurrences(output.getAll(), attempt.prompt().instructions())).isOne();
            assertThat(occurrences(output.getAll(), attempt.prompt().url().toString())).isOne();
        });
    }

    @Test
    void promptsNothingWhenSignedIn(IdentityCenterEmulator emulator, CapturedOutput output) {
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        runner(emulator).run((context) -> {
            ready(context);

            assertThat(context.getBean(SsoEngine.class).login().last()).isEmpty();
            assertThat(output.getAll()).doesNotContain("To sign in");
        });
    }

    private ApplicationContextRunner runner(IdentityCenterEmulator emulator) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly", "aws.sso.region=eu-west-1",
                    "aws.sso.sso-session=corp", "aws.sso.endpoint.oidc=" + emulator.endpoint(),
                    "aws.sso.endpoint.portal=" + emulator.endpoint(), "aws.sso.login.on-startup=true");
    }

    private static void ready(AssertableApplicationContext context) {
        context.getSourceApplicationContext()
            .publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                    context.getSourceApplicationContext(), Duration.ZERO));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
