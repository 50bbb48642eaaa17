package dev.awssso.core.credentials;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Serves IAM Identity Center credentials while a session is available, and another provider's (usually the
 * SDK's default chain) while nobody is signed in, the session has ended or its token cannot be read. Says
 * once in the log when it switches either way. Errors of a session that exists (a role that is not assigned,
 * a service that cannot be reached) are not hidden behind the fallback. Closing it closes the fallback, which it
 * owns; the IAM Identity Center provider belongs to its engine.
 */
public final class FallbackCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FallbackCredentialsProvider.class);

    private static final Set<Reason> NO_SESSION = Set.of(Reason.SIGNED_OUT, Reason.SESSION_ENDED,
            Reason.TOKEN_CACHE_UNREADABLE);

    private final AwsCredentialsProvider sso;

    private final AwsCredentialsProvider fallback;

    private final AtomicBoolean fallingBack = new AtomicBoolean();

    public FallbackCredentialsProvider(AwsCredentialsProvider sso, AwsCredentialsProvider fallback) {
        this.sso = sso;
        this.fallback = fallback;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            AwsCredentials credentials = this.sso.resolveCredentials();
            if (this.fallingBack.compareAndSet(true, false)) {
                logger.info("IAM Identity Center credentials are available again and used from now on.");
            }
            return credentials;
        }
        catch (SsoSessionException ex) {
            if (!NO_SESSION.contains(ex.reason())) {
                throw ex;
            }
            if (this.fallingBack.compareAndSet(false, true)) {
                logger.warn("No IAM Identity Center session ({}); using {} until there is one.", ex.getMessage(),
                        this.fallback.getClass().getSimpleName());
            }
            return this.fallback.resolveCredentials();
        }
    }

    @Override
    public void close() {
        IoUtils.closeIfCloseable(this.fallback, null);
    }

    @Override
    public String toString() {
        return "FallbackCredentialsProvider[" + this.sso + ", then " + this.fallback + "]";
    }
}
