package dev.awssso.sample.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;

/**
 * A local IAM Identity Center for the sample's demo mode: an emulator with short lifetimes, a session signed
 * in as {@code aws sso login --sso-session demo} would, its token in a temporary cache directory, and the
 * {@code aws.sso.*} values that point the starter at all of it, with three named roles over the one sign-in: two
 * Identity Center roles of other accounts and a role assumed with STS. Nothing under {@code ~/.aws} is read or
 * written.
 */
public final class DemoEmulator implements AutoCloseable {

    /** The name of the sso-session signed in to. */
    public static final String SESSION_NAME = "demo";

    /** The region of the application's clients in demo mode. */
    public static final String REGION = "us-east-1";

    /** The account of role {@code tools}, an Identity Center role of the demo sign-in. */
    public static final String TOOLS_ACCOUNT = "222233334444";

    /** The account of role {@code audit}, an Identity Center role of the demo sign-in. */
    public static final String AUDIT_ACCOUNT = "444455556666";

    /** The role {@code deploy} assumes with the credentials of the default role. */
    public static final String DEPLOYER_ROLE_ARN = "arn:aws:iam::555566667777:role/Deployer";

    /** The role session name of role {@code deploy}. */
    public static final String DEPLOY_SESSION_NAME = "aws-sso-sample";

    private final IdentityCenterEmulator emulator;

    private final Path directory;

    private final Duration tokenLifetime;

    private final Duration credentialsLifetime;

    private DemoEmulator(IdentityCenterEmulator emulator, Path directory, Duration tokenLifetime,
            Duration credentialsLifetime) {
        this.emulator = emulator;
        this.directory = directory;
        this.tokenLifetime = tokenLifetime;
        this.credentialsLifetime = credentialsLifetime;
    }

    /**
     * Starts an emulator, signs in to session {@value #SESSION_NAME} and writes its token cache file.
     * @param tokenLifetime lifetime of access tokens
     * @param credentialsLifetime lifetime of role credentials
     * @param sessionDuration length of the Identity Center session
     * @return the running demo; {@link #close()} it when the application stops
     */
    public static DemoEmulator start(Duration tokenLifetime, Duration credentialsLifetime, Duration sessionDuration) {
        Path directory = createDirectory();
        IdentityCenterEmulator emulator = IdentityCenterEmulator.start();
        try {
            emulator.setTokenLifetime(tokenLifetime);
            emulator.setCredentialsLifetime(credentialsLifetime);
            emulator.setSessionDuration(sessionDuration);
            emulator.setAssumedRoleLifetime(credentialsLifetime);
            emulator.addAccount(TOOLS_ACCOUNT, "Tools", IdentityCenterEmulator.DEFAULT_ROLE_NAME);
            emulator.addAccount(AUDIT_ACCOUNT, "Audit", "Auditor");
            emulator.allowAssumeRole(IdentityCenterEmulator.roleArn(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
                    IdentityCenterEmulator.DEFAULT_ROLE_NAME), DEPLOYER_ROLE_ARN);
            EmulatedSession session = emulator.signIn(SESSION_NAME);
            session.writeCacheFile(directory.resolve("sso-cache"));
            Files.createFile(directory.resolve("config"));
            return new DemoEmulator(emulator, directory, tokenLifetime, credentialsLifetime);
        }
        catch (IOException ex) {
            emulator.close();
            deleteRecursively(directory);
            throw new UncheckedIOException("Could not write the demo config file", ex);
        }
        catch (RuntimeException ex) {
            emulator.close();
            deleteRecursively(directory);
            throw ex;
        }
    }

    /** The running emulator. */
    public IdentityCenterEmulator emulator() {
        return this.emulator;
    }

    /**
     * The {@code aws.sso.*} values of demo mode: the signed-in session, account {@code 111122223333}, role
     * {@code ReadOnly}, the temporary token cache, an empty config file (so that {@code ~/.aws/config} and
     * {@code AWS_PROFILE} play no part), the emulator's endpoints, refresh windows of half the lifetimes, and the
     * roles {@code tools} ({@value #TOOLS_ACCOUNT}, {@code ReadOnly}), {@code audit} ({@value #AUDIT_ACCOUNT},
     * {@code Auditor}) and {@code deploy} ({@value #DEPLOYER_ROLE_ARN}, assumed with the default role).
     */
    public Map<String, Object> properties() {
        String endpoint = this.emulator.endpoint().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aws.sso.config-file", this.directory.resolve("config").toString());
        properties.put("aws.sso.sso-session", SESSION_NAME);
        properties.put("aws.sso.start-url", this.emulator.startUrl());
        properties.put("aws.sso.sso-region", this.emulator.ssoRegion());
        properties.put("aws.sso.account-id", IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        properties.put("aws.sso.role-name", IdentityCenterEmulator.DEFAULT_ROLE_NAME);
        properties.put("aws.sso.region", REGION);
        properties.put("aws.sso.cache-dir", this.directory.resolve("sso-cache").toString());
        properties.put("aws.sso.endpoint.oidc", endpoint);
        properties.put("aws.sso.endpoint.portal", endpoint);
        properties.put("aws.sso.endpoint.sts", endpoint);
        properties.put("aws.sso.token-refresh-window", this.tokenLifetime.dividedBy(2).toString());
        properties.put("aws.sso.credentials-refresh-window", this.credentialsLifetime.dividedBy(2).toString());
        properties.put("aws.sso.roles.tools.account-id", TOOLS_ACCOUNT);
        properties.put("aws.sso.roles.tools.role-name", IdentityCenterEmulator.DEFAULT_ROLE_NAME);
        properties.put("aws.sso.roles.audit.account-id", AUDIT_ACCOUNT);
        properties.put("aws.sso.roles.audit.role-name", "Auditor");
        properties.put("aws.sso.roles.deploy.assume-role.role-arn", DEPLOYER_ROLE_ARN);
        properties.put("aws.sso.roles.deploy.assume-role.session-name", DEPLOY_SESSION_NAME);
        return properties;
    }

    /** Stops the emulator and deletes the temporary cache directory. */
    @Override
    public void close() {
        this.emulator.close();
        deleteRecursively(this.directory);
    }

    @Override
    public String toString() {
        return "DemoEmulator[" + this.emulator.endpoint() + ", token lifetime " + this.tokenLifetime
                + ", credentials lifetime " + this.credentialsLifetime + "]";
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("aws-sso-demo-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a directory for the demo token cache", ex);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (IOException ex) {
            // a temporary directory; nothing else to do
        }
    }
}
