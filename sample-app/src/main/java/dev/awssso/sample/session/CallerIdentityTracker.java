package dev.awssso.sample.session;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.awssso.core.status.SessionStatus;
import dev.awssso.sample.CallerIdentity;
import dev.awssso.sample.IdentityService;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Asks STS who the application is once for each set of role credentials, not on every poll of the page: the
 * answer is kept until the status shows credentials with another expiry.
 */
@Component
class CallerIdentityTracker {

    private final IdentityService identity;

    private final AtomicReference<@Nullable Answer> last = new AtomicReference<>();

    CallerIdentityTracker(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * Who AWS sees behind the credentials of {@code status}, looked up when they are new.
     * @param status a status in which credentials can be served
     */
    Answer callerFor(SessionStatus status) {
        Instant credentialsExpireAt = status.credentials().expiresAt();
        Answer known = this.last.get();
        if (known != null && credentialsExpireAt != null
                && Objects.equals(credentialsExpireAt, known.credentialsExpireAt())) {
            return known;
        }
        Answer fresh = lookUp(credentialsExpireAt);
        this.last.set(fresh);
        return fresh;
    }

    private Answer lookUp(@Nullable Instant credentialsExpireAt) {
        try {
            CallerIdentity caller = this.identity.callerIdentity();
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
