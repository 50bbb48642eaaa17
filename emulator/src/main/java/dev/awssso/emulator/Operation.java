package dev.awssso.emulator;

/**
 * The emulated service operations, for call counters and fault injection.
 */
public enum Operation {

    /** SSO OIDC {@code CreateToken} ({@code POST /token}). */
    CREATE_TOKEN,

    /** SSO portal {@code GetRoleCredentials} ({@code GET /federation/credentials}). */
    GET_ROLE_CREDENTIALS,

    /** SSO portal {@code ListAccounts} ({@code GET /assignment/accounts}). */
    LIST_ACCOUNTS,

    /** SSO portal {@code ListAccountRoles} ({@code GET /assignment/roles}). */
    LIST_ACCOUNT_ROLES,

    /** SSO portal {@code Logout} ({@code POST /logout}). */
    LOGOUT,

    /** STS {@code GetCallerIdentity} ({@code POST /}, AWS query protocol). */
    GET_CALLER_IDENTITY

}
