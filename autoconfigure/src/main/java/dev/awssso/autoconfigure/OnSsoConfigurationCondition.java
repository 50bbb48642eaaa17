package dev.awssso.autoconfigure;

import java.util.Optional;

import dev.awssso.core.config.SsoConfigurationException;
import dev.awssso.core.config.SsoSettings;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when IAM Identity Center is configured: by {@code aws.sso.*} properties or by the selected profile
 * of the shared config file. A configuration with mistakes matches too, so that start-up fails with the list
 * of problems instead of silently running without SSO.
 */
class OnSsoConfigurationCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        try {
            Optional<SsoSettings> settings = SsoSettingsLoader.bind(context.getEnvironment()).load();
            return settings.map((found) -> ConditionOutcome.match("IAM Identity Center configured by " + found.source()))
                .orElseGet(() -> ConditionOutcome.noMatch("no aws.sso.* settings and the selected profile of the"
                        + " shared config file has no sso_* settings"));
        }
        catch (SsoConfigurationException ex) {
            return ConditionOutcome.match("IAM Identity Center configured, with problems");
        }
    }
}
