package dev.awssso.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The trust policies of the roles STS {@code AssumeRole} may hand out: which principal (a role ARN, such as
 * {@code arn:aws:iam::111122223333:role/ReadOnly}) may assume which role ARN, and the external id the policy
 * requires, if any. Anything not allowed here is denied, as for a role that does not exist.
 */
final class RoleTrust {

    /** The external id each allowed principal-and-role pair requires; the empty string for none. */
    private final Map<Grant, String> grants = new ConcurrentHashMap<>();

    void allow(String principalRoleArn, String roleArn, @Nullable String externalId) {
        this.grants.put(new Grant(principalRoleArn, roleArn), (externalId != null) ? externalId : "");
    }

    void revoke(String principalRoleArn, String roleArn) {
        this.grants.remove(new Grant(principalRoleArn, roleArn));
    }

    /**
     * Whether {@code principalRoleArn} may assume {@code roleArn}, giving {@code externalId}: the pair must be
     * allowed, and the external id must be the one the policy requires (or absent when it requires none).
     */
    boolean allows(String principalRoleArn, String roleArn, @Nullable String externalId) {
        Optional<String> required = Optional.ofNullable(this.grants.get(new Grant(principalRoleArn, roleArn)));
        return required.map((id) -> id.equals(Objects.requireNonNullElse(externalId, ""))).orElse(false);
    }

    private record Grant(String principalRoleArn, String roleArn) {
    }

}
