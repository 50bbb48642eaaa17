package dev.awssso.core.account;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the accounts the signed-in user may use, in the order {@code ListAccounts} gives them. An account
 * whose roles could not be listed is not in {@code accounts} but in {@code rolesNotListed}, with the reason.
 *
 * @param accounts the accounts of the page whose roles were listed, with their roles
 * @param rolesNotListed the accounts of the page whose roles could not be listed; empty when the page is complete
 * @param page the number of the page, from 0
 * @param size the most accounts a page holds
 * @param totalAccounts the number of accounts on all pages
 * @param nextPage the number of the next page, or {@code null} on the last page
 */
public record AccountPage(List<AccountRoles> accounts, List<RolesNotListed> rolesNotListed, int page, int size,
        int totalAccounts, @Nullable Integer nextPage) {

    public AccountPage {
        accounts = List.copyOf(accounts);
        rolesNotListed = List.copyOf(rolesNotListed);
    }

    /**
     * An account whose roles could not be listed.
     *
     * @param accountId twelve-digit account id
     * @param accountName display name of the account
     * @param reason why its roles could not be listed; never a secret
     */
    public record RolesNotListed(String accountId, String accountName, String reason) {
    }
}
