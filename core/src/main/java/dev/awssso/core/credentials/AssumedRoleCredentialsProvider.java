package dev.awssso.core.credentials;

import java.time.Clock;
import java.util.concurrent.Executor;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.config.AssumeRoleSpec;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Serves the credentials of a role assumed with STS {@code AssumeRole}, signed with the credentials of any source
 * provider (the Identity Center role, or the link before in a chain), asked for afresh at each refresh: the role is
 * assumed again ahead of its own expiry, whether or not it outlives the source's credentials.
 * <p>
 * A failure of the source (no sign-in, an ended session, an unassigned role) is passed on with its reason and
 * not retried here: the source remembers and retries it. {@code AssumeRole} refusals are classified; an
 * {@code AccessDenied} names the source, the role and the trust policy to fix.
 */
public final class AssumedRoleCredentialsProvider extends RefreshingCredentialsProvider {

    private static final String OPERATION = "AssumeRole";

    /** The error type of a failure recorded because the source's credentials could not be had. */
    public static final String SOURCE_FAILURE = "SourceCredentials";

    private final String name;

    private final AssumeRoleSpec step;

    private final AwsCredentialsProvider source;

    private final String sourceDescription;

    private final RoleAssumer assumer;

    /**
     * Creates a provider; it calls nothing until credentials are first asked for.
     * @param name the name of the role it serves, for messages
     * @param step the role to assume, and how
     * @param source the credentials to assume it with
     * @param sourceDescription the source in words, such as {@code the Identity Center role 'PowerUser' of account
     *     111122223333 (IAM role AWSReservedSSO_PowerUser_...)} or the ARN of the link before
     * @param fetchExecutor where calls run, so that a caller can stop waiting while the call goes on
     * @param listener told about refreshes, failures and withdrawals
     */
    public AssumedRoleCredentialsProvider(String name, AssumeRoleSpec step, AwsCredentialsProvider source,
            String sourceDescription, RoleAssumer assumer, Clock clock, Timing timing, Executor fetchExecutor,
            CredentialsListener listener) {
        super(clock, timing, fetchExecutor, null, listener);
        this.name = name;
        this.step = step;
        this.source = source;
        this.sourceDescription = sourceDescription;
        this.assumer = assumer;
    }

    @Override
    Answer call() {
        return this.assumer.assume(sourceCredentials(), this.step);
    }

    /** The source's credentials now; its failure is recorded and passed on, but retried by the source. */
    private AwsCredentials sourceCredentials() {
        try {
            return this.source.resolveCredentials();
        }
        catch (RuntimeException ex) {
            Reason reason = (ex instanceof SsoSessionException session) ? session.reason() : Reason.UNAVAILABLE;
            SsoSessionException error = new SsoSessionException(reason, "Cannot assume " + describe() + ": "
                    + ex.getMessage(), null);
            if (reason == Reason.CLOSED) {
                throw new SourceUnavailable(error, null);
            }
            throw new SourceUnavailable(error, new RefreshFailure(kindOf(reason), SOURCE_FAILURE, "the credentials of "
                    + this.sourceDescription + " to assume it with are not available: " + ex.getMessage(),
                    clock().instant(), null));
        }
    }

    private static FailureKind kindOf(Reason sourceReason) {
        return switch (sourceReason) {
            case SIGNED_OUT, SESSION_ENDED -> FailureKind.SESSION_ENDED;
            case ACCESS_DENIED -> FailureKind.ACCESS_DENIED;
            default -> FailureKind.TRANSIENT;
        };
    }

    @Override
    String operation() {
        return OPERATION;
    }

    @Override
    String describe() {
        return "role '" + this.name + "' (" + this.step.roleArn() + ")";
    }

    @Override
    SsoSessionException refused(RefreshFailure failure) {
        String fix = "correct " + this.step.origin() + " if the ARN is wrong.";
        return switch (failure.kind()) {
            case ACCESS_DENIED -> new SsoSessionException(Reason.ACCESS_DENIED, "STS does not let "
                    + this.sourceDescription + " assume " + this.step.roleArn() + " for role '" + this.name + "' ("
                    + failure + "). Allow it in the trust policy of " + this.step.roleArn()
                    + " (a statement with that principal and sts:AssumeRole"
                    + ((this.step.externalId() != null) ? ", and the sts:ExternalId condition given" : "")
                    + "), or " + fix, null);
            case TRANSIENT -> new SsoSessionException(Reason.UNAVAILABLE, "Could not assume " + describe() + " ("
                    + failure + "); retrying in the background.", failure.cause());
            default -> new SsoSessionException(Reason.UNAVAILABLE, "STS refused to assume " + describe() + " ("
                    + failure + "); check " + this.step.origin() + ", or " + fix, null);
        };
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentialsProvider[" + describe() + ", assumed with " + this.sourceDescription + "]";
    }
}
