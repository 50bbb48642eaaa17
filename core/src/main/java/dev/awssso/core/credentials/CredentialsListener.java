package dev.awssso.core.credentials;

import dev.awssso.core.refresh.RefreshFailure;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Told by a {@link RefreshingCredentialsProvider} when the credentials it serves change. */
public interface CredentialsListener {

    /** New credentials were fetched. */
    default void credentialsRefreshed(AwsSessionCredentials credentials) {
    }

    /** A fetch of credentials failed. */
    default void credentialsRefreshFailed(RefreshFailure failure) {
    }

    /** The credentials went stale before new ones could be fetched and are no longer served. */
    default void credentialsExpired() {
    }
}
