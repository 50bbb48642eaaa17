package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The credentials issued by {@code GetRoleCredentials}, STS {@code AssumeRole} and AWS Sign-In, by access key id.
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
                expiresAt, null);
        this.byAccessKeyId.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    /**
     * Issues credentials of an {@code aws login} session that expire at {@code expiresAt}.
     * @param loginSession the principal ARN of the session
     */
    IssuedCredentials issueForLogin(String loginSession, String accountId, Instant expiresAt) {
        IssuedCredentials credentials = new IssuedCredentials(this.secrets.accessKeyId(),
                this.secrets.secretAccessKey(), this.secrets.sessionToken(), accountId, null, null, expiresAt,
                loginSession);
        this.byAccessKeyId.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    Optional<IssuedCredentials> find(String accessKeyId) {
        return Optional.ofNullable(this.byAccessKeyId.get(accessKeyId));
    }

    /**
     * Temporary credentials of a role issued to a user, or of an {@code aws login} session. {@link #toString()}
     * shows no secrets.
     * @param accessKeyId access key id
     * @param secretAccessKey secret access key
     * @param sessionToken session token
     * @param accountId account of the role or login session
     * @param roleName name of the role, or {@code null} for a login session
     * @param userName the user they were issued to, or the role session name of an assumed role, or {@code null}
     *     for a login session
     * @param expiresAt when they expire (whole milliseconds)
     * @param loginSession the principal ARN of the login session, or {@code null} for role credentials
     */
    record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
            @Nullable String roleName, @Nullable String userName, Instant expiresAt, @Nullable String loginSession) {

        @Override
        public String toString() {
            return "IssuedCredentials[accessKeyId=" + this.accessKeyId + ", accountId=" + this.accountId
                    + ", roleName=" + this.roleName + ", loginSession=" + this.loginSession + ", expiresAt="
                    + this.expiresAt + "]";
        }

    }

}
