package dev.awssso.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.awssso.emulator.IdentityCenterEmulator;

/**
 * Runs the test context against an in-process {@link IdentityCenterEmulator}: on a {@code @SpringBootTest} class
 * (or a test slice that runs the starter's auto-configuration), the emulator starts with the context, the user is
 * signed in to it with the token in a temporary cache directory, and the starter's {@code aws.sso.*} settings
 * (start URL, regions, account, role, endpoints, cache directory) point at it. The application's own
 * {@code AwsCredentialsProvider}, health indicator and endpoint then run against the emulator, and Spring Cloud
 * AWS's Parameter Store and Secrets Manager clients call it, also those of {@code spring.config.import}: the emulator
 * starts, with the {@link #parameters()} and {@link #secrets()}, before the configuration files are read.
 * <p>
 * The emulator is a bean of the context: inject it to end the session, inject faults, change lifetimes or read
 * call counts. Test classes with the same attributes share one emulator through Spring's test context cache; it
 * is closed, and its temporary directory deleted, when the context closes. Nothing is read from or written to the
 * real {@code ~/.aws}: {@code HOME}, {@code AWS_PROFILE} and {@code AWS_CONFIG_FILE} are overridden for the
 * starter, also when the developer running the tests is signed in to a real profile.
 * <p>
 * The settings take precedence over the application's configuration files and environment; properties of the test
 * itself ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}, {@code @DynamicPropertySource})
 * win over them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureAwsSsoEmulator {

    /**
     * Whether the user is signed in when the context starts. With {@code false} nobody is, as before a first
     * {@code aws sso login}: the application's credentials fail with the sign-in command until the test signs in
     * through the emulator bean.
     * @return whether to sign in
     */
    boolean signedIn() default true;

    /**
     * The name of the {@code [sso-session]} signed in to, as sign-in commands name it.
     * @return the session name
     */
    String sessionName() default "emulator";

    /**
     * The account whose role credentials the starter fetches ({@code aws.sso.account-id}); listed by the emulator.
     * @return a twelve-digit account id
     */
    String accountId() default IdentityCenterEmulator.DEFAULT_ACCOUNT_ID;

    /**
     * The role whose credentials the starter fetches ({@code aws.sso.role-name}).
     * @return the role name
     */
    String roleName() default IdentityCenterEmulator.DEFAULT_ROLE_NAME;

    /**
     * The region of the application's AWS clients ({@code aws.sso.region}).
     * @return the region
     */
    String region() default IdentityCenterEmulator.DEFAULT_SSO_REGION;

    /**
     * The lifetime of access tokens, such as {@code 30m}; empty for the emulator's one hour.
     * @return a duration in Spring Boot's simple or ISO-8601 form
     */
    String tokenLifetime() default "";

    /**
     * The lifetime of role credentials, such as {@code 30m}; empty for the emulator's one hour.
     * @return a duration in Spring Boot's simple or ISO-8601 form
     */
    String credentialsLifetime() default "";

    /**
     * The length of the Identity Center session, such as {@code 2h}; empty for the emulator's eight hours.
     * @return a duration in Spring Boot's simple or ISO-8601 form
     */
    String sessionDuration() default "";

    /**
     * Parameters the emulator's Parameter Store holds before the configuration files are read, as
     * {@code name=value}: {@code "/config/my-app/greeting=hello"} is what
     * {@code spring.config.import=aws-parameterstore:/config/my-app/} imports as {@code greeting}.
     * @return the parameters, each a {@code String} parameter
     */
    String[] parameters() default {};

    /**
     * Secrets the emulator's Secrets Manager holds before the configuration files are read, as {@code name=value}:
     * {@code "my-app/db={\"db.password\":\"s3cr3t\"}"} is what
     * {@code spring.config.import=aws-secretsmanager:my-app/db} imports as {@code db.password}.
     * @return the secrets, each with a secret string
     */
    String[] secrets() default {};

}
