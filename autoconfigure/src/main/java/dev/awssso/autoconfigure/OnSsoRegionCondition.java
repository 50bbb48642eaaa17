package dev.awssso.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the SSO configuration names a region for the application's clients ({@code aws.sso.region} or
 * the profile's {@code region}); otherwise the region is left to the SDK or Spring Cloud AWS. While an
 * application is AOT-processed it matches without reading anything: the region provider then serves the SSO
 * configuration's region where the application runs, or else the SDK's default region chain.
 */
class OnSsoRegionCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("IAM Identity Center region");
        if (AotProcessing.inProgress()) {
            return ConditionOutcome.match(message.because("AOT processing leaves it to the run time"));
        }
        SsoConfiguration resolution = SsoConfiguration.of(context.getBeanFactory(), context.getEnvironment());
        if (resolution.hasProblems()) {
            return ConditionOutcome.noMatch(message.because("the IAM Identity Center configuration has problems"));
        }
        return resolution.settings()
            .filter((settings) -> settings.region() != null)
            .map((settings) -> ConditionOutcome
                .match(message.found("region").items(settings.region() + " in " + settings.source())))
            .orElseGet(() -> ConditionOutcome
                .noMatch(message.didNotFind("region in").items("aws.sso.region or the profile")));
    }
}
