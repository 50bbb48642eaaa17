package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * STS {@code GetCallerIdentity} and {@code AssumeRole} (AWS query protocol) for the credentials the emulator
 * issued. The caller is identified by the access key id in the SigV4 {@code Authorization} header and the
 * session token in {@code X-Amz-Security-Token}, once {@link CallerAuthenticator} has checked its signature.
 * <p>
 * {@code AssumeRole} hands out a role only when the {@link RoleTrust} allows the caller's principal to assume
 * it, with the external id it requires, and answers {@code AccessDenied} otherwise. The principal of role
 * credentials is their role; that of {@code aws login} credentials is the login session's ARN. A caller holding a
 * role session (role credentials of the portal, an assumed role, or a login session of an assumed role) does role
 * chaining, which AWS limits to one hour: {@code DurationSeconds} (default 3600) must lie between 900 and 3600;
 * other callers may ask for up to 43200.
 */
final class StsHandler {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*"
            + "([\\w+=,.@-]{1,64})");

    private static final Pattern ASSUMED_ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:sts::(\\d{12}):assumed-role/"
            + "([^/]+)/(.+)");

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");

    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

    private static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    private static final long MIN_DURATION_SECONDS = 900;

    private static final long MAX_DURATION_SECONDS = 43200;

    private static final long ROLE_CHAINING_LIMIT_SECONDS = 3600;

    private static final char[] ROLE_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final RoleCredentialsRegistry credentials;

    private final RoleTrust trust;

    private final EmulatorSettings settings;

    private final Clock clock;

    StsHandler(RoleCredentialsRegistry credentials, RoleTrust trust, EmulatorSettings settings, Clock clock) {
        this.credentials = credentials;
        this.trust = trust;
        this.settings = settings;
        this.clock = clock;
    }

    Reply getCallerIdentity(Request request) {
        IssuedCredentials caller = authenticate(request);
        String userId = userId(caller);
        return Reply.xml("<GetCallerIdentityResponse xmlns=\"" + Dialect.STS_NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n    <Arn>" + Xml.escape(sessionArn(caller)) + "</Arn>\n    <UserId>"
                + Xml.escape(userId) + "</UserId>\n    <Account>" + Xml.escape(caller.accountId())
                + "</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>"
                + request.requestId() + "</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n");
    }

    Reply assumeRole(Request request) {
        IssuedCredentials caller = authenticate(request);
        String roleArn = request.form().get("RoleArn");
        String sessionName = request.form().get("RoleSessionName");
        String externalId = request.form().get("ExternalId");
        Matcher role = validRoleArn(roleArn);
        validSessionName(sessionName);
        validExternalId(externalId);
        Duration duration = duration(request.form().get("DurationSeconds"), isRoleSession(caller));
        if (!this.trust.allows(principalArn(caller), roleArn, externalId)) {
            throw new ServiceError(403, "AccessDenied", "User: " + sessionArn(caller)
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        Duration cap = this.settings.assumedRoleLifetime();
        Duration lifetime = (cap != null && cap.compareTo(duration) < 0) ? cap : duration;
        // STS dates expiries in whole seconds
        Instant expiresAt = this.clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        IssuedCredentials issued = this.credentials.issueUntil(role.group(1), role.group(2), sessionName, expiresAt);
        return Reply.xml("<AssumeRoleResponse xmlns=\"" + Dialect.STS_NAMESPACE + "\">\n  <AssumeRoleResult>\n"
                + "    <AssumedRoleUser>\n      <Arn>" + Xml.escape(sessionArn(issued)) + "</Arn>\n"
                + "      <AssumedRoleId>" + Xml.escape(roleId(issued.accountId(), issued.roleName()) + ":"
                        + sessionName) + "</AssumedRoleId>\n    </AssumedRoleUser>\n    <Credentials>\n"
                + "      <AccessKeyId>" + issued.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + issued.secretAccessKey() + "</SecretAccessKey>\n"
                + "      <SessionToken>" + issued.sessionToken() + "</SessionToken>\n"
                + "      <Expiration>" + expiresAt + "</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n"
                + "  <ResponseMetadata>\n    <RequestId>" + request.requestId() + "</RequestId>\n"
                + "  </ResponseMetadata>\n</AssumeRoleResponse>\n");
    }

    /**
     * The credentials the request is signed with.
     * @throws ServiceError as STS answers a request without credentials, or with unknown or expired ones
     */
    private IssuedCredentials authenticate(Request request) {
        String accessKeyId = accessKeyId(request.header("Authorization"));
        if (accessKeyId == null) {
            throw new ServiceError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        String sessionToken = request.header("X-Amz-Security-Token");
        IssuedCredentials caller = this.credentials.find(accessKeyId)
            .filter((issued) -> issued.sessionToken().equals(sessionToken))
            .orElseThrow(() -> new ServiceError(403, "InvalidClientTokenId",
                    "The security token included in the request is invalid."));
        if (!this.clock.instant().isBefore(caller.expiresAt())) {
            throw new ServiceError(403, "ExpiredToken", "The security token included in the request is expired");
        }
        return caller;
    }

    private static Matcher validRoleArn(@Nullable String roleArn) {
        if (roleArn == null) {
            throw invalid("null", "roleArn", "Member must not be null");
        }
        Matcher matcher = ROLE_ARN.matcher(roleArn);
        if (!matcher.matches()) {
            throw new ServiceError(400, "ValidationError", roleArn + " is invalid");
        }
        return matcher;
    }

    private static void validSessionName(@Nullable String sessionName) {
        if (sessionName == null) {
            throw invalid("null", "roleSessionName", "Member must not be null");
        }
        if (sessionName.length() < 2 || sessionName.length() > 64) {
            throw invalid("'" + sessionName + "'", "roleSessionName", "Member must have length "
                    + ((sessionName.length() < 2) ? "greater than or equal to 2" : "less than or equal to 64"));
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw invalid("'" + sessionName + "'", "roleSessionName",
                    "Member must satisfy regular expression pattern: " + SESSION_NAME.pattern());
        }
    }

    private static void validExternalId(@Nullable String externalId) {
        if (externalId == null) {
            return;
        }
        if (externalId.length() < 2 || externalId.length() > 1224) {
            throw invalid("'" + externalId + "'", "externalId", "Member must have length "
                    + ((externalId.length() < 2) ? "greater than or equal to 2" : "less than or equal to 1224"));
        }
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            throw invalid("'" + externalId + "'", "externalId",
                    "Member must satisfy regular expression pattern: " + EXTERNAL_ID.pattern());
        }
    }

    /**
     * The asked lifetime of assumed role credentials.
     * @param chained whether the caller holds a role session, which limits it to one hour
     */
    private static Duration duration(@Nullable String durationSeconds, boolean chained) {
        if (durationSeconds == null) {
            return DEFAULT_DURATION;
        }
        long seconds;
        try {
            seconds = Long.parseLong(durationSeconds);
        }
        catch (NumberFormatException ex) {
            throw new ServiceError(400, "ValidationError", "Invalid DurationSeconds " + durationSeconds);
        }
        if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
            throw invalid("'" + seconds + "'", "durationSeconds", "Member must have value "
                    + ((seconds < MIN_DURATION_SECONDS) ? "greater than or equal to " + MIN_DURATION_SECONDS
                            : "less than or equal to " + MAX_DURATION_SECONDS));
        }
        if (chained && seconds > ROLE_CHAINING_LIMIT_SECONDS) {
            throw new ServiceError(400, "ValidationError",
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        return Duration.ofSeconds(seconds);
    }

    private static ServiceError invalid(String value, String member, String constraint) {
        return new ServiceError(400, "ValidationError", "1 validation error detected: Value " + value + " at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }

    /**
     * The ARN STS names the holder of credentials by: {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} of
     * role credentials, the login session's ARN of {@code aws login} credentials.
     */
    private static String sessionArn(IssuedCredentials credentials) {
        String loginSession = credentials.loginSession();
        if (loginSession != null) {
            return loginSession;
        }
        return "arn:aws:sts::" + credentials.accountId() + ":assumed-role/" + credentials.roleName() + "/"
                + credentials.userName();
    }

    /**
     * The principal a trust policy names for credentials: the role of role credentials, the login session's ARN
     * of {@code aws login} credentials.
     */
    private static String principalArn(IssuedCredentials credentials) {
        String loginSession = credentials.loginSession();
        return (loginSession != null) ? loginSession
                : IdentityCenterEmulator.roleArn(credentials.accountId(), credentials.roleName());
    }

    private static boolean isRoleSession(IssuedCredentials credentials) {
        String loginSession = credentials.loginSession();
        return loginSession == null || ASSUMED_ROLE_ARN.matcher(loginSession).matches();
    }

    /**
     * The {@code UserId} of {@code GetCallerIdentity}: {@code ROLEID:SESSION} of a role session, the account id of
     * a root login session, a stable user id ({@code AIDA} and 17 more characters) of another login session.
     */
    private static String userId(IssuedCredentials caller) {
        String loginSession = caller.loginSession();
        if (loginSession == null) {
            return roleId(caller.accountId(), caller.roleName()) + ":" + caller.userName();
        }
        Matcher assumedRole = ASSUMED_ROLE_ARN.matcher(loginSession);
        if (assumedRole.matches()) {
            return roleId(assumedRole.group(1), assumedRole.group(2)) + ":" + assumedRole.group(3);
        }
        return loginSession.endsWith(":root") ? caller.accountId() : uniqueId("AIDA", loginSession);
    }

    private static @Nullable String accessKeyId(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher matcher = CREDENTIAL.matcher(authorization);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * A stable role id ({@code AROA} and 17 more characters) for an account and role.
     */
    private static String roleId(String accountId, @Nullable String roleName) {
        return uniqueId("AROA", accountId + "/" + roleName);
    }

    /**
     * A stable unique id: the prefix and 17 characters derived from {@code value}.
     */
    private static String uniqueId(String prefix, String value) {
        byte[] digest = sha256(value);
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            id.append(ROLE_ID_ALPHABET[(digest[i] & 0xff) % ROLE_ID_ALPHABET.length]);
        }
        return id.toString();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

}
