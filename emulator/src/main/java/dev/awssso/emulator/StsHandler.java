package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * STS {@code GetCallerIdentity} (AWS query protocol) for the role credentials the emulator issued. The caller
 * is identified by the access key id in the SigV4 {@code Authorization} header and the session token in
 * {@code X-Amz-Security-Token}; the signature is not verified.
 */
final class StsHandler {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private static final char[] ROLE_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final RoleCredentialsRegistry credentials;

    private final Clock clock;

    StsHandler(RoleCredentialsRegistry credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    Reply getCallerIdentity(Request request) {
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
        String arn = "arn:aws:sts::" + caller.accountId() + ":assumed-role/" + caller.roleName() + "/"
                + caller.userName();
        String userId = roleId(caller.accountId(), caller.roleName()) + ":" + caller.userName();
        return Reply.xml("<GetCallerIdentityResponse xmlns=\"" + Dialect.STS_NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n    <Arn>" + Xml.escape(arn) + "</Arn>\n    <UserId>"
                + Xml.escape(userId) + "</UserId>\n    <Account>" + Xml.escape(caller.accountId())
                + "</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>"
                + request.requestId() + "</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n");
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
    private static String roleId(String accountId, String roleName) {
        byte[] digest = sha256(accountId + "/" + roleName);
        StringBuilder id = new StringBuilder("AROA");
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
