package dev.awssso.autoconfigure.health;

import dev.awssso.autoconfigure.AwsSsoProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the {@code awssso} health indicator. */
@ConfigurationProperties("management.health.awssso")
public class AwsSsoHealthIndicatorProperties {

    /**
     * Whether the health check asks STS who the credentials belong to (a network call on every check) instead of
     * judging from the session state alone.
     */
    private @Nullable Boolean verifyIdentity;

    public @Nullable Boolean getVerifyIdentity() {
        return this.verifyIdentity;
    }

    public void setVerifyIdentity(@Nullable Boolean verifyIdentity) {
        this.verifyIdentity = verifyIdentity;
    }

    /**
     * Whether the health check asks STS: this setting where set, else the deprecated
     * {@code aws.sso.health.verify-identity}.
     * @param properties the {@code aws.sso.*} properties
     * @return whether to verify the identity
     */
    @SuppressWarnings("removal")
    public boolean verifyIdentity(AwsSsoProperties properties) {
        return (this.verifyIdentity != null) ? this.verifyIdentity : properties.getHealth().isVerifyIdentity();
    }
}
