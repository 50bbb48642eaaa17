package dev.awssso.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.awssso.core.SsoSessionException;
import dev.awssso.core.SsoSessionException.Reason;
import dev.awssso.core.account.AccountPage.RolesNotListed;
import dev.awssso.core.refresh.DurationWords;
import dev.awssso.core.refresh.FailureClassifier;
import dev.awssso.core.refresh.FailureKind;
import dev.awssso.core.refresh.RefreshFailure;
import dev.awssso.core.refresh.RetryBackoff;
import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.RoleInfo;

/**
 * The accounts and roles the signed-in user may use, from the SSO portal's {@code ListAccounts} and
 * {@code ListAccountRoles} (every page), kept for a while so that repeated looks cost nothing.
 * <p>
 * The roles of the accounts of a page are listed side by side on the executor it is given (whose threads bound
 * the calls at once), and only for the accounts of the page asked for. A throttled call is tried again with
 * backoff and jitter after the SDK client's own retries gave up. An account whose roles still could not be listed
 * makes the page partial, not failed: its reason is on the page, and its roles are listed again on the next look.
 */
public final class AccountDirectory {

    private static final String LIST_ACCOUNT_ROLES = "ListAccountRoles";

    /** How often a throttled call is made in all, each time with the SDK client's own retries. */
    private static final int THROTTLED_ATTEMPTS = 5;

    private static final RetryBackoff THROTTLING_BACKOFF = new RetryBackoff(Duration.ofMillis(200),
            Duration.ofSeconds(3));

    private final Supplier<SsoClient> portal;

    private final TokenManager tokens;

    private final Clock clock;

    private final Duration timeToLive;

    private final ExecutorService calls;

    private final Duration tokenWait;

    /** Held while the accounts are listed, so that callers at the same time share one listing. */
    private final ReentrantLock listing = new ReentrantLock();

    private @Nullable Listing cached;

    /**
     * @param calls runs the {@code ListAccountRoles} calls; its number of threads is the most calls at once
     * @param tokenWait how long a caller waits at most for a token refresh that another thread or process holds
     *     the locks of
     */
    public AccountDirectory(Supplier<SsoClient> portal, TokenManager tokens, Clock clock, Duration timeToLive,
            ExecutorService calls, Duration tokenWait) {
        this.portal = portal;
        this.tokens = tokens;
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.calls = calls;
        this.tokenWait = tokenWait;
    }

    /**
     * Every account and its roles, as one page.
     * @throws dev.awssso.core.SsoSessionException when nobody is signed in or the session has ended, or a token
     *     refresh holds its locks for longer than the caller wait
     * @throws software.amazon.awssdk.core.exception.SdkException when the accounts could not be listed
     */
    public AccountPage all() {
        return page(0, null);
    }

    /**
     * One page of the accounts and their roles, from the cache while it is fresh and for the same sign-in.
     * @param number the number of the page, from 0
     * @param size the most accounts on a page, at least 1
     * @throws IllegalArgumentException when the number is negative or the size less than 1
     * @throws dev.awssso.core.SsoSessionException when nobody is signed in or the session has ended, or a token
     *     refresh holds its locks for longer than the caller wait
     * @throws software.amazon.awssdk.core.exception.SdkException when the accounts could not be listed
     */
    public AccountPage page(int number, int size) {
        if (number < 0) {
            throw new IllegalArgumentException("The page number must be 0 or more, was " + number);
        }
        if (size < 1) {
            throw new IllegalArgumentException("The page size must be 1 or more, was " + size);
        }
        return page(number, Integer.valueOf(size));
    }

    private AccountPage page(int number, @Nullable Integer size) {
        long deadline = System.nanoTime() + this.tokenWait.toNanos();
        try {
            if (!this.listing.tryLock(this.tokenWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SsoSessionException(Reason.UNAVAILABLE, "The accounts are being listed for another request"
                        + " of this application, for longer than " + DurationWords.of(this.tokenWait)
                        + "; try again.", null);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SsoSessionException(Reason.UNAVAILABLE, "Interrupted while waiting to list the accounts.", null);
        }
        try {
            return pageLocked(number, size, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        finally {
            this.listing.unlock();
        }
    }

    private AccountPage pageLocked(int number, @Nullable Integer size, Duration tokenWaitLeft) {
        String accessToken = this.tokens.usableToken(tokenWaitLeft).accessToken();
        Instant now = this.clock.instant();
        Listing listing = this.cached;
        if (listing == null || listing.accessTokenHash() != accessToken.hashCode()
                || !now.isBefore(listing.expiresAt())) {
            listing = new Listing(listAccounts(accessToken), accessToken.hashCode(), now.plus(this.timeToLive),
                    new HashMap<>());
            this.cached = listing;
        }
        int total = listing.accounts().size();
        int pageSize = (size != null) ? size : Math.max(total, 1);
        int from = (int) Math.min(total, (long) number * pageSize);
        int to = (int) Math.min(total, (long) from + pageSize);
        List<AccountInfo> onPage = listing.accounts().subList(from, to);
        Map<String, String> failures = listMissingRoles(accessToken, onPage, listing.roles());
        List<AccountRoles> accounts = new ArrayList<>();
        List<RolesNotListed> rolesNotListed = new ArrayList<>();
        for (AccountInfo account : onPage) {
            List<String> roles = listing.roles().get(account.accountId());
            if (roles != null) {
                accounts.add(new AccountRoles(account.accountId(), account.accountName(), account.emailAddress(),
                        roles));
            }
            else {
                rolesNotListed.add(new RolesNotListed(account.accountId(), account.accountName(),
                        failures.get(account.accountId())));
            }
        }
        return new AccountPage(accounts, rolesNotListed, number, pageSize, total, (to < total) ? number + 1 : null);
    }

    private List<AccountInfo> listAccounts(String accessToken) {
        SsoClient portal = this.portal.get();
        return retryingThrottled(
                () -> portal.listAccountsPaginator((request) -> request.accessToken(accessToken)).accountList()
                    .stream()
                    .toList());
    }

    /**
     * Lists the roles of the accounts that have none in {@code roles} yet, side by side, and adds them there.
     * @return why the roles of the others could not be listed, by account id
     */
    private Map<String, String> listMissingRoles(String accessToken, List<AccountInfo> accounts,
            Map<String, List<String>> roles) {
        SsoClient portal = this.portal.get();
        Map<String, Future<List<String>>> pending = new LinkedHashMap<>();
        try {
            for (AccountInfo account : accounts) {
                if (!roles.containsKey(account.accountId())) {
                    pending.put(account.accountId(), this.calls
                        .submit(() -> retryingThrottled(() -> roleNames(portal, accessToken, account.accountId()))));
                }
            }
            Map<String, String> failures = new HashMap<>();
            for (Map.Entry<String, Future<List<String>>> call : pending.entrySet()) {
                try {
                    roles.put(call.getKey(), call.getValue().get());
                }
                catch (ExecutionException ex) {
                    RefreshFailure failure = FailureClassifier.classify(LIST_ACCOUNT_ROLES, ex.getCause(),
                            this.clock.instant());
                    if (failure.kind() == FailureKind.SESSION_ENDED && ex.getCause() instanceof RuntimeException ended) {
                        throw ended;
                    }
                    failures.put(call.getKey(), failure.message());
                }
            }
            return failures;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("Interrupted while listing the roles of the accounts").build();
        }
        catch (RejectedExecutionException ex) {
            throw AbortedException.builder().message("The IAM Identity Center engine has been closed").build();
        }
        finally {
            pending.values().forEach((call) -> call.cancel(true));
        }
    }

    private static List<String> roleNames(SsoClient portal, String accessToken, String accountId) {
        return portal.listAccountRolesPaginator((request) -> request.accessToken(accessToken).accountId(accountId))
            .roleList()
            .stream()
            .map(RoleInfo::roleName)
            .toList();
    }

    /**
     * The answer of {@code call}, made again with backoff while it is throttled, up to
     * {@value #THROTTLED_ATTEMPTS} times.
     */
    private static <T> T retryingThrottled(Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            }
            catch (AwsServiceException ex) {
                if (!ex.isThrottlingException() || attempt == THROTTLED_ATTEMPTS) {
                    throw ex;
                }
                try {
                    Thread.sleep(THROTTLING_BACKOFF.delayAfter(attempt).toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    /**
     * The accounts of one sign-in and the roles listed so far, by account id.
     */
    private record Listing(List<AccountInfo> accounts, int accessTokenHash, Instant expiresAt,
            Map<String, List<String>> roles) {
    }
}
