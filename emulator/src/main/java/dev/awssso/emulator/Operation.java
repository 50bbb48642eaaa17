package dev.awssso.emulator;

/**
 * The emulated service operations, for call counters and fault injection.
 */
public enum Operation {

    /** SSO OIDC {@code RegisterClient} ({@code POST /client/register}). */
    REGISTER_CLIENT,

    /** SSO OIDC {@code StartDeviceAuthorization} ({@code POST /device_authorization}). */
    START_DEVICE_AUTHORIZATION,

    /** SSO OIDC {@code CreateToken} ({@code POST /token}), every grant type. */
    CREATE_TOKEN,

    /**
     * The sign-in pages a browser shows: the PKCE approval page ({@code GET} and {@code POST /authorize}) and the
     * device code page ({@code GET} and {@code POST /device}). Their errors and status faults are HTML pages.
     */
    AUTHORIZE,

    /** SSO portal {@code GetRoleCredentials} ({@code GET /federation/credentials}). */
    GET_ROLE_CREDENTIALS,

    /** SSO portal {@code ListAccounts} ({@code GET /assignment/accounts}). */
    LIST_ACCOUNTS,

    /** SSO portal {@code ListAccountRoles} ({@code GET /assignment/roles}). */
    LIST_ACCOUNT_ROLES,

    /** SSO portal {@code Logout} ({@code POST /logout}). */
    LOGOUT,

    /** STS {@code GetCallerIdentity} ({@code POST /}, AWS query protocol). */
    GET_CALLER_IDENTITY,

    /** STS {@code AssumeRole} ({@code POST /}, AWS query protocol). */
    ASSUME_ROLE,

    /** Parameter Store {@code GetParameter} ({@code POST /}, {@code X-Amz-Target: AmazonSSM.GetParameter}). */
    GET_PARAMETER,

    /**
     * Parameter Store {@code GetParametersByPath} ({@code POST /},
     * {@code X-Amz-Target: AmazonSSM.GetParametersByPath}).
     */
    GET_PARAMETERS_BY_PATH,

    /**
     * Secrets Manager {@code GetSecretValue} ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}).
     */
    GET_SECRET_VALUE,

    /**
     * Secrets Manager {@code BatchGetSecretValue} ({@code POST /},
     * {@code X-Amz-Target: secretsmanager.BatchGetSecretValue}).
     */
    BATCH_GET_SECRET_VALUE,

    /**
     * AWS Sign-In {@code CreateOAuth2Token} ({@code POST /v1/token}): the redemption of an {@code aws login}
     * authorization code and the refresh of its credentials.
     */
    CREATE_OAUTH2_TOKEN,

    /**
     * The AWS Sign-In page of {@code aws login} ({@code GET} and {@code POST /v1/authorize}). Its errors and
     * status faults are HTML pages.
     */
    LOGIN_AUTHORIZE

}
