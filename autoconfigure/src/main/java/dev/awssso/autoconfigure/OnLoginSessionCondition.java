package dev.awssso.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the selected profile is an {@code aws login} profile, unless a local AWS emulator's connection
 * details are present and no role is named (the developer's session must not sign the emulator's calls; named roles
 * keep their beans, as with IAM Identity Center). Does not match while an
 * application is AOT-processed: there such a profile is served by the AWS SDK's default chain at run time.
 */
final class OnLoginSessionCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("aws login session");
        if (AotProcessing.inProgress()) {
            return ConditionOutcome.noMatch(message.because("AOT processing leaves it to the AWS SDK"));
        }
        SsoConfiguration configuration = SsoConfiguration.of(context.getBeanFactory(), context.getEnvironment());
        if (configuration.hasProblems()) {
            return ConditionOutcome.noMatch(message.because("the configuration has problems, which start-up"
                    + " reports"));
        }
        return configuration.loginSession().map((session) -> {
            List<String> connections = LocalAwsConnection.beanNames(context.getBeanFactory());
            if (!connections.isEmpty() && !configuration.requestedByProperties()
                    && configuration.loginSessionRoles().isEmpty()) {
                return ConditionOutcome.noMatch(message.because("the AWS connection details " + connections
                        + " of a local AWS emulator are present, and no role is named"));
            }
            return ConditionOutcome.match(message.found("aws login profile").items(session.profileName()
                    + " of " + session.configFile()));
        }).orElseGet(() -> ConditionOutcome.noMatch(message.didNotFind("aws login profile in")
            .items(configuration.searched())));
    }
}
