package dev.awssso.core.account;

import java.util.List;

/**
 * An AWS account the signed-in user may use, with the roles assigned to them in it.
 *
 * @param accountId twelve-digit account id
 * @param accountName display name of the account
 * @param emailAddress e-mail address of the account's root user, as the portal lists it
 * @param roleNames roles the user may use in the account
 */
public record AccountRoles(String accountId, String accountName, String emailAddress, List<String> roleNames) {

    public AccountRoles {
        roleNames = List.copyOf(roleNames);
    }
}
