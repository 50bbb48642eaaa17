package dev.awssso.core.engine;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

/**
 * How often one call of an SDK client that the engine builds is tried: the attempts of the SDK's default retry
 * strategy, which the engine leaves as it is (4 on AWS SDK 2.57.8's legacy mode, 3 on 2.59.1's standard mode).
 */
public final class SdkAttempts {

    /** The attempts of one SDK call. */
    public static final int PER_CALL = AwsRetryStrategy.defaultRetryStrategy().maxAttempts();

    private SdkAttempts() {
    }
}
