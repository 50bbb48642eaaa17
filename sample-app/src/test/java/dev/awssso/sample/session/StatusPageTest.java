package dev.awssso.sample.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample on a real port in demo mode with lifetimes of seconds (token 6 s, credentials 3 s, both refreshed
 * half-way), checked every 100 ms. The test classes of the status page share this one context; each test sets
 * up the sign-in it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "sample.emulator.token-lifetime=6s", "sample.emulator.credentials-lifetime=3s",
                "aws.sso.check-interval=100ms", "sample.identity-log.enabled=false",
                // no DevTools are used, so Selenium's note that none match the browser's version is noise
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
                "logging.level.org.openqa.selenium.chromium.ChromiumDriver=error" })
@interface StatusPageTest {
}
