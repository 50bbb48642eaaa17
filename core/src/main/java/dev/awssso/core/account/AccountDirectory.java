package dev.awssso.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.awssso.core.token.TokenManager;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.RoleInfo;

/**
 * The accounts and roles the signed-in user may use, from the SSO portal's {@code ListAccounts} and
 * {@code ListAccountRoles} (every page), kept for a while so that repeated looks cost nothing.
 */
public final class AccountDirectory {

    private final Supplier<SsoClient> portal;

    private final TokenManager tokens;

    private final Clock clock;

    private final Duration timeToLive;

    private @Nullable Listing cached;

    public AccountDirectory(Supplier<SsoClient> portal, TokenManager tokens, Clock clock, Duration timeToLive) {
        this.portal = portal;
        this.tokens = tokens;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /**
     * The accounts and their roles, from the cache while it is fresh and for the same sign-in.
     * @throws dev.awssso.core.SsoSessionException when nobody is signed in or the session has ended
     */
    public synchronized List<AccountRoles> accounts() {
        String accessToken = this.tokens.usableToken().accessToken();
        Instant now = this.clock.instant();
        Listing listing = this.cached;
        if (listing != null && listing.accessTokenHash() == accessToken.hashCode() && now.isBefore(listing.expiresAt())) {
            return listing.accounts();
        }
        List<AccountRoles> accounts = fetch(accessToken);
        this.cached = new Listing(accounts, accessToken.hashCode(), now.plus(this.timeToLive));
        return accounts;
    }

    private List<AccountRoles> fetch(String accessToken) {
        List<AccountRoles> accounts = new ArrayList<>();
        SsoClient portal = this.portal.get();
        for (AccountInfo account : portal.listAccountsPaginator((request) -> request.accessToken(accessToken))
            .accountList()) {
            List<String> roles = portal
                .listAccountRolesPaginator((request) -> request.accessToken(accessToken).accountId(account.accountId()))
                .roleList()
                .stream()
                .map(RoleInfo::roleName)
                .toList();
            accounts.add(new AccountRoles(account.accountId(), account.accountName(), account.emailAddress(), roles));
        }
        return List.copyOf(accounts);
    }

    private record Listing(List<AccountRoles> accounts, int accessTokenHash, Instant expiresAt) {
    }
}
