package dev.awssso.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.login.LoginFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for IAM Identity Center (SSO) credentials. Values set here win over those of the
 * shared config file profile, key by key.
 */
@ConfigurationProperties(AwsSsoProperties.PREFIX)
public class AwsSsoProperties {

    /** Prefix of these properties. */
    public static final String PREFIX = "aws.sso";

    /**
     * Whether to provide credentials from IAM Identity Center.
     */
    private boolean enabled = true;

    /**
     * Profile of the shared config file to read SSO settings from. When not set, the AWS_PROFILE environment
     * variable, then "default".
     */
    private @Nullable String profile;

    /**
     * Location of the shared config file. When not set, the AWS_CONFIG_FILE environment variable, then
     * ~/.aws/config.
     */
    private @Nullable String configFile;

    /**
     * Name of the sso-session whose token is used, as sso_session in the shared config file. Sessions can be
     * refreshed; without one, the legacy form keyed by the start URL is used.
     */
    private @Nullable String ssoSession;

    /**
     * AWS access portal URL, for example https://d-1234567890.awsapps.com/start.
     */
    private @Nullable String startUrl;

    /**
     * Region of the IAM Identity Center instance (portal and OIDC endpoints).
     */
    private @Nullable String ssoRegion;

    /**
     * Twelve-digit id of the AWS account whose role is used.
     */
    private @Nullable String accountId;

    /**
     * Name of the permission set role to use in the account.
     */
    private @Nullable String roleName;

    /**
     * Comma-separated list of OAuth scopes requested when registering a client for sign-in. When not set, the
     * sso-session's sso_registration_scopes, then sso:account:access.
     */
    private @Nullable List<String> registrationScopes;

    /**
     * Region for the application's AWS clients. When not set, the profile's region.
     */
    private @Nullable String region;

    /**
     * What to use while no IAM Identity Center session is available (nobody signed in, or the session ended):
     * "none" (calls fail with the command that signs in) or "default-chain" (the AWS SDK's default credentials
     * chain).
     */
    private Fallback fallback = Fallback.NONE;

    /**
     * Directory of the SSO token cache shared with the AWS CLI and SDKs. When not set, ~/.aws/sso/cache.
     */
    private @Nullable String cacheDir;

    /**
     * How long before it expires the access token is refreshed with the refresh token. If a duration suffix is
     * not specified, minutes will be used.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration tokenRefreshWindow = EngineOptions.DEFAULT_TOKEN_REFRESH_WINDOW;

    /**
     * How long before they expire the role credentials are fetched again. If a duration suffix is not specified,
     * minutes will be used.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration credentialsRefreshWindow = EngineOptions.DEFAULT_CREDENTIALS_REFRESH_WINDOW;

    /**
     * How often the token cache file and the expiries are checked in the background. If a duration suffix is not
     * specified, seconds will be used.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration checkInterval = EngineOptions.DEFAULT_CHECK_INTERVAL;

    /**
     * How long an IAM Identity Center session lasts (set by the administrator, 8 hours by default), to estimate
     * when the session ends. If a duration suffix is not specified, hours will be used.
     */
    @DurationUnit(ChronoUnit.HOURS)
    private Duration sessionDuration = EngineOptions.DEFAULT_SESSION_DURATION;

    /**
     * Comma-separated list of how long before the session ends to warn (a log line and an event), once each. If
     * a duration suffix is not specified, minutes will be used.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private List<Duration> expiryWarnings = new ArrayList<>(EngineOptions.DEFAULT_EXPIRY_WARNINGS);

    /**
     * Further roles over the same sign-in (or another sso-session's), by name: each an Identity Center role of the
     * default sign-in (account-id and role-name), a profile of the shared config file (profile), or the default
     * role, each with an optional assume-role on top. A name starts with a letter and holds letters, digits and
     * hyphens; "default" names the default role. Inject one with @Qualifier("NAME") AwsCredentialsProvider.
     */
    private Map<String, Role> roles = new LinkedHashMap<>();

    /**
     * Endpoint overrides, for VPC or FIPS endpoints or a local emulator.
     */
    private final Endpoint endpoint = new Endpoint();

    /**
     * Time limits of calls to AWS.
     */
    private final Timeouts timeouts = new Timeouts();

    /**
     * Health indicator settings.
     */
    private final Health health = new Health();

    /**
     * Sign-in from the application.
     */
    private final Login login = new Login();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getProfile() {
        return this.profile;
    }

    public void setProfile(@Nullable String profile) {
        this.profile = profile;
    }

    public @Nullable String getConfigFile() {
        return this.configFile;
    }

    public void setConfigFile(@Nullable String configFile) {
        this.configFile = configFile;
    }

    public @Nullable String getSsoSession() {
        return this.ssoSession;
    }

    public void setSsoSession(@Nullable String ssoSession) {
        this.ssoSession = ssoSession;
    }

    /** The sso-session's name under its former property name. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    @DeprecatedConfigurationProperty(replacement = "aws.sso.sso-session", since = "0.1.0")
    public @Nullable String getSessionName() {
        return this.ssoSession;
    }

    @Deprecated(since = "0.1.0", forRemoval = true)
    public void setSessionName(@Nullable String sessionName) {
        this.ssoSession = sessionName;
    }

    public @Nullable String getStartUrl() {
        return this.startUrl;
    }

    public void setStartUrl(@Nullable String startUrl) {
        this.startUrl = startUrl;
    }

    public @Nullable String getSsoRegion() {
        return this.ssoRegion;
    }

    public void setSsoRegion(@Nullable String ssoRegion) {
        this.ssoRegion = ssoRegion;
    }

    public @Nullable String getAccountId() {
        return this.accountId;
    }

    public void setAccountId(@Nullable String accountId) {
        this.accountId = accountId;
    }

    public @Nullable String getRoleName() {
        return this.roleName;
    }

    public void setRoleName(@Nullable String roleName) {
        this.roleName = roleName;
    }

    public @Nullable List<String> getRegistrationScopes() {
        return this.registrationScopes;
    }

    public void setRegistrationScopes(@Nullable List<String> registrationScopes) {
        this.registrationScopes = registrationScopes;
    }

    public @Nullable String getRegion() {
        return this.region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public Fallback getFallback() {
        return this.fallback;
    }

    public void setFallback(Fallback fallback) {
        this.fallback = fallback;
    }

    public @Nullable String getCacheDir() {
        return this.cacheDir;
    }

    public void setCacheDir(@Nullable String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Duration getTokenRefreshWindow() {
        return this.tokenRefreshWindow;
    }

    public void setTokenRefreshWindow(Duration tokenRefreshWindow) {
        this.tokenRefreshWindow = tokenRefreshWindow;
    }

    public Duration getCredentialsRefreshWindow() {
        return this.credentialsRefreshWindow;
    }

    public void setCredentialsRefreshWindow(Duration credentialsRefreshWindow) {
        this.credentialsRefreshWindow = credentialsRefreshWindow;
    }

    public Duration getCheckInterval() {
        return this.checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public Duration getSessionDuration() {
        return this.sessionDuration;
    }

    public void setSessionDuration(Duration sessionDuration) {
        this.sessionDuration = sessionDuration;
    }

    public List<Duration> getExpiryWarnings() {
        return this.expiryWarnings;
    }

    public void setExpiryWarnings(List<Duration> expiryWarnings) {
        this.expiryWarnings = expiryWarnings;
    }

    public Map<String, Role> getRoles() {
        return this.roles;
    }

    public void setRoles(Map<String, Role> roles) {
        this.roles = roles;
    }

    public Endpoint getEndpoint() {
        return this.endpoint;
    }

    public Health getHealth() {
        return this.health;
    }

    public Login getLogin() {
        return this.login;
    }

    public Timeouts getTimeouts() {
        return this.timeouts;
    }

    /** What to use while no IAM Identity Center session is available. */
    public enum Fallback {

        /** Nothing: calls fail with an exception that names the command that signs in. */
        NONE,

        /** The AWS SDK's default credentials chain (environment, profiles, container and instance roles). */
        DEFAULT_CHAIN
    }

    /** A named role. */
    public static class Role {

        /**
         * Twelve-digit id of the account of an IAM Identity Center role of the default sign-in. Set with role-name,
         * instead of profile.
         */
        private @Nullable String accountId;

        /**
         * Name of the permission set role to use in that account. Set with account-id, instead of profile.
         */
        private @Nullable String roleName;

        /**
         * Profile of the shared config file to take the role from, instead of account-id and role-name: an SSO
         * profile (of any sso-session), or a role_arn and source_profile chain ending in one; for an aws login
         * session, its profile or a chain ending in it.
         */
        private @Nullable String profile;

        /**
         * Role to assume with STS with the credentials of the role above (of the default role, or of the aws login
         * session, when neither account-id, role-name nor profile is set).
         */
        private @Nullable AssumeRole assumeRole;

        public @Nullable String getAccountId() {
            return this.accountId;
        }

        public void setAccountId(@Nullable String accountId) {
            this.accountId = accountId;
        }

        public @Nullable String getRoleName() {
            return this.roleName;
        }

        public void setRoleName(@Nullable String roleName) {
            this.roleName = roleName;
        }

        public @Nullable String getProfile() {
            return this.profile;
        }

        public void setProfile(@Nullable String profile) {
            this.profile = profile;
        }

        public @Nullable AssumeRole getAssumeRole() {
            return this.assumeRole;
        }

        public void setAssumeRole(@Nullable AssumeRole assumeRole) {
            this.assumeRole = assumeRole;
        }
    }

    /** A role assumed with STS on top of a named role. */
    public static class AssumeRole {

        /**
         * ARN of the role to assume, arn:aws:iam::ACCOUNT:role/NAME.
         */
        private @Nullable String roleArn;

        /**
         * Role session name, shown in CloudTrail and in the assumed role's ARN. When not set, "aws-sso-" and the
         * operating system's user name.
         */
        private @Nullable String sessionName;

        /**
         * External id that the role's trust policy asks for, if any.
         */
        private @Nullable String externalId;

        /**
         * How long the assumed role's credentials last, from 15 minutes to one hour (the most AWS allows for a
         * role assumed with another role's credentials). When not set, one hour. If a duration suffix is not
         * specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration duration;

        public @Nullable String getRoleArn() {
            return this.roleArn;
        }

        public void setRoleArn(@Nullable String roleArn) {
            this.roleArn = roleArn;
        }

        public @Nullable String getSessionName() {
            return this.sessionName;
        }

        public void setSessionName(@Nullable String sessionName) {
            this.sessionName = sessionName;
        }

        public @Nullable String getExternalId() {
            return this.externalId;
        }

        public void setExternalId(@Nullable String externalId) {
            this.externalId = externalId;
        }

        public @Nullable Duration getDuration() {
            return this.duration;
        }

        public void setDuration(@Nullable Duration duration) {
            this.duration = duration;
        }
    }

    /** Endpoint overrides. */
    public static class Endpoint {

        /**
         * Endpoint of SSO OIDC (token refresh and sign-in). When not set, the SDK's endpoint for the SSO region.
         */
        private @Nullable URI oidc;

        /**
         * Endpoint of the SSO portal (role credentials). When not set, the SDK's endpoint for the SSO region.
         */
        private @Nullable URI portal;

        /**
         * Endpoint of STS (caller identity). When not set, the SDK's endpoint for the region.
         */
        private @Nullable URI sts;

        /**
         * Endpoint of AWS Sign-In (refresh of an "aws login" session). When not set, the SDK's endpoint for the
         * profile's region.
         */
        private @Nullable URI signin;

        public @Nullable URI getOidc() {
            return this.oidc;
        }

        public void setOidc(@Nullable URI oidc) {
            this.oidc = oidc;
        }

        public @Nullable URI getPortal() {
            return this.portal;
        }

        public void setPortal(@Nullable URI portal) {
            this.portal = portal;
        }

        public @Nullable URI getSts() {
            return this.sts;
        }

        public void setSts(@Nullable URI sts) {
            this.sts = sts;
        }

        public @Nullable URI getSignin() {
            return this.signin;
        }

        public void setSignin(@Nullable URI signin) {
            this.signin = signin;
        }
    }

    /** Sign-in from the application. */
    public static class Login {

        /**
         * How the user signs in: "pkce" (a browser on this machine) or "device-code" (any device, for headless
         * hosts).
         */
        private LoginFlow flow = LoginFlow.PKCE;

        /**
         * Whether to start a sign-in when the application starts and nobody is signed in, printing the URL (and
         * the code) to open.
         */
        private boolean onStartup;

        /**
         * How long a sign-in waits for the user. If a duration suffix is not specified, minutes will be used.
         */
        @DurationUnit(ChronoUnit.MINUTES)
        private Duration timeout = EngineOptions.DEFAULT_LOGIN_TIMEOUT;

        public LoginFlow getFlow() {
            return this.flow;
        }

        public void setFlow(LoginFlow flow) {
            this.flow = flow;
        }

        public boolean isOnStartup() {
            return this.onStartup;
        }

        public void setOnStartup(boolean onStartup) {
            this.onStartup = onStartup;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Health indicator settings, moved to {@code management.health.awssso.*}. */
    public static class Health {

        /** Whether the health check asks STS who the credentials belong to. */
        private boolean verifyIdentity;

        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "management.health.awssso.verify-identity", since = "0.1.0")
        public boolean isVerifyIdentity() {
            return this.verifyIdentity;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setVerifyIdentity(boolean verifyIdentity) {
            this.verifyIdentity = verifyIdentity;
        }
    }

    /** Time limits of calls to AWS. */
    public static class Timeouts {

        /**
         * Longest wait for a connection. If a duration suffix is not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration connect = CallTimeouts.DEFAULT.connect();

        /**
         * Longest wait for data on an open connection. If a duration suffix is not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration read = CallTimeouts.DEFAULT.read();

        /**
         * Longest time one call may take, retries included. If a duration suffix is not specified, seconds will
         * be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration call = CallTimeouts.DEFAULT.call();

        /**
         * Longest time in all an application thread waits for role credentials when none are held, a token
         * refresh included. The fetch goes on in the background after a caller gave up.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration callerWait = EngineOptions.DEFAULT_CALLER_WAIT;

        public Duration getConnect() {
            return this.connect;
        }

        public void setConnect(Duration connect) {
            this.connect = connect;
        }

        public Duration getRead() {
            return this.read;
        }

        public void setRead(Duration read) {
            this.read = read;
        }

        public Duration getCall() {
            return this.call;
        }

        public void setCall(Duration call) {
            this.call = call;
        }

        public Duration getCallerWait() {
            return this.callerWait;
        }

        public void setCallerWait(Duration callerWait) {
            this.callerWait = callerWait;
        }
    }
}
