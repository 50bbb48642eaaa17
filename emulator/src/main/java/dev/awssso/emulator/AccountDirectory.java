package dev.awssso.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts and roles the signed-in user is assigned, as listed by the portal, and the roles denied to
 * the user. Roles that are not listed may still be used unless denied.
 */
final class AccountDirectory {

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    private final Set<String> deniedRoles = ConcurrentHashMap.newKeySet();

    synchronized void add(String accountId, String accountName, List<String> roleNames) {
        this.accounts.put(accountId, new Account(accountId, accountName, "aws+" + accountId + "@example.com",
                List.copyOf(roleNames)));
    }

    synchronized List<Account> accounts() {
        return List.copyOf(this.accounts.values());
    }

    /**
     * The roles listed for an account, without denied ones; empty for an unknown account.
     */
    synchronized List<String> roles(String accountId) {
        Account account = this.accounts.get(accountId);
        List<String> roles = new ArrayList<>((account != null) ? account.roleNames() : List.of());
        roles.removeIf((role) -> isDenied(accountId, role));
        return roles;
    }

    void deny(String accountId, String roleName) {
        this.deniedRoles.add(key(accountId, roleName));
    }

    boolean isDenied(String accountId, String roleName) {
        return this.deniedRoles.contains(key(accountId, roleName));
    }

    private static String key(String accountId, String roleName) {
        return accountId + "/" + roleName;
    }

    /**
     * An account as {@code ListAccounts} shows it.
     * @param accountId twelve-digit id
     * @param accountName display name
     * @param emailAddress root email address
     * @param roleNames roles assigned to the user
     */
    record Account(String accountId, String accountName, String emailAddress, List<String> roleNames) {
    }

}
