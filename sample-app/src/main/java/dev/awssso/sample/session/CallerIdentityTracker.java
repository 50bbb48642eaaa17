package dev.awssso.sample.session;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.awssso.sample.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Asks STS who the application is in each role once for each set of role credentials, not on every poll of the
 * page: the answer is kept until the status shows the role's credentials with another expiry.
 */
@Component
class CallerIdentityTracker {

    private final Map<String, Answer> last = new ConcurrentHashMap<>();

    /**
     * Who AWS sees behind the credentials of {@code role}, looked up with {@code lookUp} when they are new.
     * @param role the role's name
     * @param credentialsExpireAt the expiry of the role's credentials now, if known
     * @param lookUp calls {@code GetCallerIdentity} with the role's credentials
     */
    Answer callerFor(String role, @Nullable Instant credentialsExpireAt, Supplier<CallerIdentity> lookUp) {
        Answer known = this.last.get(role);
        if (known != null && credentialsExpireAt != null
                && Objects.equals(credentialsExpireAt, known.credentialsExpireAt())) {
            return known;
        }
        Answer fresh = lookUp(credentialsExpireAt, lookUp);
        this.last.put(role, fresh);
        return fresh;
    }

    private static Answer lookUp(@Nullable Instant credentialsExpireAt, Supplier<CallerIdentity> lookUp) {
        try {
            CallerIdentity caller = lookUp.get();
            return new Answer(caller, null, (caller.credentialsExpireAt() != null)
                    ? caller.credentialsExpireAt() : credentialsExpireAt);
        }
        catch (SdkException ex) {
            // the SDK's and the starter's messages never hold a secret
            return new Answer(null, ex.getMessage(), credentialsExpireAt);
        }
    }

    /**
     * The outcome of one {@code GetCallerIdentity} call.
     *
     * @param caller who AWS sees, or {@code null} when the call failed
     * @param problem why the call failed, or {@code null}
     * @param credentialsExpireAt the expiry of the credentials the answer belongs to, if known
     */
    record Answer(@Nullable CallerIdentity caller, @Nullable String problem, @Nullable Instant credentialsExpireAt) {
    }
}
