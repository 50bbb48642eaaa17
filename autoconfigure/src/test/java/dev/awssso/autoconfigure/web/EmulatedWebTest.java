package dev.awssso.autoconfigure.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.awssso.test.AutoConfigureAwsSsoEmulator;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The {@link WebTestApplication} on a random port against an emulator of the test class's own, with nobody signed
 * in at start (each test signs in as it needs, as {@code sso-session corp}), lifetimes of 30 minutes and a check
 * every 50 ms. The context, and with it the emulator, closes after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "aws.sso.check-interval=50ms", "management.endpoints.web.exposure.include=health,awssso",
                "management.endpoint.health.show-details=always" })
@AutoConfigureAwsSsoEmulator(signedIn = false, sessionName = WebTestApplication.SESSION, region = "eu-west-1",
        tokenLifetime = "30m", credentialsLifetime = "30m")
@DirtiesContext
@interface EmulatedWebTest {

}
