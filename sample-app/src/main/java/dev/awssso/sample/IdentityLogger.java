package dev.awssso.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Calls STS every {@code sample.identity-log.interval} and logs the answer, so that credential refreshes can be
 * watched in the log. Off with {@code sample.identity-log.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.identity-log.enabled", matchIfMissing = true)
class IdentityLogger {

    private static final Logger logger = LoggerFactory.getLogger(IdentityLogger.class);

    private final IdentityService identity;

    IdentityLogger(IdentityService identity) {
        this.identity = identity;
    }

    @Scheduled(fixedDelayString = "${sample.identity-log.interval:20s}")
    void logCallerIdentity() {
        try {
            CallerIdentity caller = this.identity.callerIdentity();
            logger.info("AWS sees this application as {} (role credentials valid until {})", caller.arn(),
                    caller.credentialsExpireAt());
        }
        catch (SdkException ex) {
            logger.warn("Calling AWS failed: {}", ex.getMessage());
        }
    }
}
