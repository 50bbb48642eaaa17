package dev.awssso.core.credentials;

import java.time.Instant;
import java.util.Optional;

import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.token.TokenListener;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A credentials provider that keeps temporary credentials fresh in the background: {@link #resolveCredentials()}
 * hands out held credentials after one volatile read and one clock comparison, never stale ones; the engine's
 * maintenance calls {@link #refreshIfDue()} and {@link #expireIfStale()}; sign-ins and sign-outs of the
 * session reset it. Status and metrics read the rest.
 */
public interface RefreshingCredentialsProvider extends AwsCredentialsProvider, TokenListener {

    @Override
    AwsSessionCredentials resolveCredentials();

    /** The credentials being served now, if any. */
    Optional<AwsSessionCredentials> currentCredentials();

    /** When the credentials last withdrawn because they went stale expire(d); empty once new ones are held. */
    Optional<Instant> withdrawnExpiry();

    /** The last failed refresh since the last success or sign-in, if any. */
    Optional<RefreshFailure> lastFailure();

    /** The outcome of the last refresh, if any. */
    Optional<RefreshRecord> lastRefresh();

    /** When the credentials being served will be refreshed; empty when none are held or none were asked for. */
    Optional<Instant> nextRefreshAt();

    /** Whether credentials were asked for yet; until then nothing is fetched. */
    boolean requested();

    /** Starts a refresh when one is due, without waiting for it. */
    void refreshIfDue();

    /**
     * Refreshes now, whatever the expiry of the current credentials and any backoff, waiting a bounded time.
     * @throws dev.awssso.core.SsoSessionException when no credentials can be had
     */
    AwsSessionCredentials refreshNow();

    /** Withdraws the credentials once they are stale, so that the status shows it even while nobody asks. */
    void expireIfStale();

    /**
     * Releases the callers waiting for credentials and refuses new waits, because the application is stopping;
     * the credentials held are served until {@link #close()}.
     */
    void stopWaiting();

    /** Stops serving: every later {@link #resolveCredentials()} throws, and waiting callers are released. */
    void close();
}
