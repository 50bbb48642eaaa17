package dev.awssso.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The adjustable behaviour of an emulator; safe to change while requests are served.
 */
final class EmulatorSettings {

    private volatile Duration tokenLifetime = Duration.ofHours(1);

    private volatile Duration credentialsLifetime = Duration.ofHours(1);

    private volatile Duration sessionDuration = Duration.ofHours(8);

    private volatile RefreshTokenMode refreshTokenMode = RefreshTokenMode.ROTATE;

    private volatile String userName = IdentityCenterEmulator.DEFAULT_USER_NAME;

    private volatile Duration registrationLifetime = Duration.ofDays(90);

    private volatile Duration deviceCodeLifetime = Duration.ofMinutes(10);

    private volatile Duration devicePollInterval = Duration.ofSeconds(1);

    private volatile boolean slowDownEnforced = true;

    private volatile Duration loginCredentialsLifetime = Duration.ofMinutes(15);

    private volatile String loginSessionArn = IdentityCenterEmulator.DEFAULT_LOGIN_SESSION;

    /** The longest lifetime of credentials {@code AssumeRole} issues, or {@code null} for what was asked. */
    private volatile @Nullable Duration assumedRoleLifetime;

    Duration tokenLifetime() {
        return this.tokenLifetime;
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = positive(lifetime, "tokenLifetime");
    }

    Duration credentialsLifetime() {
        return this.credentialsLifetime;
    }

    void credentialsLifetime(Duration lifetime) {
        this.credentialsLifetime = positive(lifetime, "credentialsLifetime");
    }

    Duration sessionDuration() {
        return this.sessionDuration;
    }

    void sessionDuration(Duration duration) {
        this.sessionDuration = positive(duration, "sessionDuration");
    }

    RefreshTokenMode refreshTokenMode() {
        return this.refreshTokenMode;
    }

    void refreshTokenMode(RefreshTokenMode mode) {
        this.refreshTokenMode = Objects.requireNonNull(mode, "mode");
    }

    String userName() {
        return this.userName;
    }

    void userName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("userName must not be blank");
        }
        this.userName = name;
    }

    Duration registrationLifetime() {
        return this.registrationLifetime;
    }

    void registrationLifetime(Duration lifetime) {
        this.registrationLifetime = positive(lifetime, "registrationLifetime");
    }

    Duration deviceCodeLifetime() {
        return this.deviceCodeLifetime;
    }

    void deviceCodeLifetime(Duration lifetime) {
        this.deviceCodeLifetime = positive(lifetime, "deviceCodeLifetime");
    }

    Duration devicePollInterval() {
        return this.devicePollInterval;
    }

    void devicePollInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("devicePollInterval must not be negative, was " + interval);
        }
        this.devicePollInterval = interval;
    }

    boolean slowDownEnforced() {
        return this.slowDownEnforced;
    }

    void slowDownEnforced(boolean enforced) {
        this.slowDownEnforced = enforced;
    }

    Duration loginCredentialsLifetime() {
        return this.loginCredentialsLifetime;
    }

    void loginCredentialsLifetime(Duration lifetime) {
        this.loginCredentialsLifetime = positive(lifetime, "loginCredentialsLifetime");
    }

    String loginSessionArn() {
        return this.loginSessionArn;
    }

    /**
     * @throws IllegalArgumentException if it is not an ARN with a twelve-digit account id
     */
    void loginSessionArn(String arn) {
        LoginSessions.accountId(arn);
        this.loginSessionArn = arn;
    }

    @Nullable Duration assumedRoleLifetime() {
        return this.assumedRoleLifetime;
    }

    void assumedRoleLifetime(Duration lifetime) {
        this.assumedRoleLifetime = positive(lifetime, "assumedRoleLifetime");
    }

    private static Duration positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

}
