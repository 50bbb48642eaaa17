package dev.awssso.autoconfigure;

import dev.awssso.core.config.SsoConfigurationException;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the SSO configuration names a region for the application's clients ({@code aws.sso.region} or
 * the profile's {@code region}); otherwise the region is left to the SDK or Spring Cloud AWS.
 */
class OnSsoRegionCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        try {
            return SsoSettingsLoader.bind(context.getEnvironment())
                .load()
                .filter((settings) -> settings.region() != null)
                .map((settings) -> ConditionOutcome.match("region " + settings.region() + " from " + settings.source()))
                .orElseGet(() -> ConditionOutcome.noMatch("no region in aws.sso.region or the profile"));
        }
        catch (SsoConfigurationException ex) {
            return ConditionOutcome.noMatch("the SSO configuration has problems");
        }
    }
}
