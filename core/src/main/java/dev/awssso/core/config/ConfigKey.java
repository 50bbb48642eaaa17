package dev.awssso.core.config;

/**
 * A setting that may come from an {@code aws.sso.*} property or from a key of the shared config file, with the
 * names used in messages.
 */
enum ConfigKey {

    SESSION_NAME("session name", "aws.sso.sso-session", "sso_session", "<session>"),

    START_URL("SSO start URL", "aws.sso.start-url", "sso_start_url", "<start URL>"),

    SSO_REGION("SSO region", "aws.sso.sso-region", "sso_region", "<region>"),

    ACCOUNT_ID("account id", "aws.sso.account-id", "sso_account_id", "<account id>"),

    ROLE_NAME("role name", "aws.sso.role-name", "sso_role_name", "<role>"),

    REGION("region", "aws.sso.region", "region", "<region>"),

    REGISTRATION_SCOPES("registration scopes", "aws.sso.registration-scopes", "sso_registration_scopes",
            "sso:account:access");

    private final String label;

    private final String property;

    private final String key;

    private final String placeholder;

    ConfigKey(String label, String property, String key, String placeholder) {
        this.label = label;
        this.property = property;
        this.key = key;
        this.placeholder = placeholder;
    }

    /** Human name, such as {@code role name}. */
    String label() {
        return this.label;
    }

    /** Application property, such as {@code aws.sso.role-name}. */
    String property() {
        return this.property;
    }

    /** Key in the config file, such as {@code sso_role_name}. */
    String key() {
        return this.key;
    }

    /** Example line for the config file, such as {@code sso_role_name = <role>}. */
    String exampleLine() {
        return this.key + " = " + this.placeholder;
    }
}
