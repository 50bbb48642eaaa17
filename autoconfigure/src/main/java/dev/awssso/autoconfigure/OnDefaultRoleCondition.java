package dev.awssso.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless a local AWS emulator's connection details are present and no {@code aws.sso.*} property asks for
 * the default role's sign-in: the developer's session must not sign the emulator's calls (see
 * {@link LocalAwsConnection}). While an application is AOT-processed it matches without looking.
 */
class OnDefaultRoleCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("IAM Identity Center default role");
        if (AotProcessing.inProgress()) {
            return ConditionOutcome.match(message.because("AOT processing leaves it to the run time"));
        }
        List<String> connections = LocalAwsConnection.beanNames(context.getBeanFactory());
        if (connections.isEmpty()) {
            return ConditionOutcome.match(message.didNotFind("AWS connection details").atAll());
        }
        SsoConfiguration resolution = SsoConfiguration.of(context.getBeanFactory(), context.getEnvironment());
        if (resolution.requestedByProperties()) {
            return ConditionOutcome.match(message.because("aws.sso.* properties ask for it beside the AWS connection"
                    + " details " + connections));
        }
        return ConditionOutcome.noMatch(message.found("AWS connection details").items(connections));
    }
}
