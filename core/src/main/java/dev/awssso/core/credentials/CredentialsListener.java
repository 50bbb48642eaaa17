package dev.awssso.core.credentials;

import java.time.Duration;

import dev.awssso.core.refresh.RefreshFailure;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Told by a {@link RefreshingCredentialsProvider} when the credentials it serves change. */
public interface CredentialsListener {

    /**
     * New credentials were fetched.
     * @param credentials the new credentials
     * @param duration how long the call to AWS took
     */
    default void credentialsRefreshed(AwsSessionCredentials credentials, Duration duration) {
    }

    /** A fetch of credentials failed. */
    default void credentialsRefreshFailed(RefreshFailure failure) {
    }

    /** The credentials went stale before new ones could be fetched and are no longer served. */
    default void credentialsExpired() {
    }
}
