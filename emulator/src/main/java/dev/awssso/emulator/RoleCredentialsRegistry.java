package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role credentials issued by {@code GetRoleCredentials} and STS {@code AssumeRole}, by access key id.
 */
final class RoleCredentialsRegistry {

    private final Map<String, IssuedCredentials> byAccessKeyId = new ConcurrentHashMap<>();

    private final Secrets secrets;

    private final Clock clock;

    RoleCredentialsRegistry(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    IssuedCredentials issue(String accountId, String roleName, String userName, Duration lifetime) {
        return issueUntil(accountId, roleName, userName,
                this.clock.instant().plus(lifetime).truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Issues credentials that expire at {@code expiresAt}.
     * @param userName the user, or the role session name of an assumed role
     */
    IssuedCredentials issueUntil(String accountId, String roleName, String userName, Instant expiresAt) {
        IssuedCredentials credentials = new IssuedCredentials(this.secrets.accessKeyId(),
                this.secrets.secretAccessKey(), this.secrets.sessionToken(), accountId, roleName, userName,
                expiresAt);
        this.byAccessKeyId.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    Optional<IssuedCredentials> find(String accessKeyId) {
        return Optional.ofNullable(this.byAccessKeyId.get(accessKeyId));
    }

    /**
     * Temporary credentials of a role, issued to a user. {@link #toString()} shows no secrets.
     * @param accessKeyId access key id
     * @param secretAccessKey secret access key
     * @param sessionToken session token
     * @param accountId account of the role
     * @param roleName name of the role
     * @param userName the user they were issued to, or the role session name of an assumed role
     * @param expiresAt when they expire (whole milliseconds)
     */
    record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
            String roleName, String userName, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedCredentials[accessKeyId=" + this.accessKeyId + ", accountId=" + this.accountId
                    + ", roleName=" + this.roleName + ", expiresAt=" + this.expiresAt + "]";
        }

    }

}
