package dev.awssso.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when IAM Identity Center is configured: by {@code aws.sso.*} properties or by the selected profile
 * of the shared config file. A configuration with mistakes matches too, so that start-up fails with the list
 * of problems instead of silently running without SSO. Does not match where only the profile of {@code AWS_PROFILE}
 * or {@code default} configures it, no role is named, and a local AWS emulator's connection details are present
 * (see {@link LocalAwsConnection}). While an application is AOT-processed it matches without
 * reading anything: whether SSO is configured is decided on the machine that runs the application, by the beans
 * (see {@link AwsSsoAutoConfiguration}).
 */
class OnSsoConfigurationCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("IAM Identity Center configuration");
        if (AotProcessing.inProgress()) {
            return ConditionOutcome.match(message.because("AOT processing leaves it to the run time"));
        }
        SsoConfiguration resolution = SsoConfiguration.of(context.getBeanFactory(), context.getEnvironment());
        if (resolution.hasProblems()) {
            return ConditionOutcome.match(message.because("it is configured with problems, which start-up reports"));
        }
        if (resolution.settings().isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("settings in").items(resolution.searched()));
        }
        List<String> connections = LocalAwsConnection.beanNames(context.getBeanFactory());
        if (!connections.isEmpty() && !resolution.requestedByProperties() && !resolution.hasNamedRoles()) {
            return ConditionOutcome.noMatch(message.because("the AWS connection details " + connections
                    + " of a local AWS emulator are present, and no aws.sso.* property asks for IAM Identity Center"
                    + " beside them"));
        }
        return ConditionOutcome.match(message.found("settings in").items(resolution.settings().get().source()));
    }
}
