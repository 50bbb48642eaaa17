package dev.awssso.autoconfigure;

import java.util.List;

import dev.awssso.boot.AwsSsoService;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The conditions on the IAM Identity Center configuration. They share one resolution of the context's
 * configuration ({@link SsoConfiguration}) and one rule: while an application is AOT-processed they match without
 * reading anything, because whether SSO is configured is decided on the machine that runs the application (see
 * {@link AwsSsoService}).
 */
abstract class OnSsoConfigurationCondition extends SpringBootCondition {

    private final String condition;

    OnSsoConfigurationCondition(String condition) {
        this.condition = condition;
    }

    @Override
    public final ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition(this.condition);
        if (AotProcessing.inProgress()) {
            return ConditionOutcome.match(message.because("AOT processing leaves it to the run time"));
        }
        return getMatchOutcome(context, SsoConfiguration.of(context.getBeanFactory(), context.getEnvironment()),
                message);
    }

    /** The outcome for the resolved {@code configuration}. */
    abstract ConditionOutcome getMatchOutcome(ConditionContext context, SsoConfiguration configuration,
            ConditionMessage.Builder message);

    /**
     * Matches when IAM Identity Center is configured: by {@code aws.sso.*} properties or by the selected profile of
     * the shared config file. A configuration with mistakes matches too, so that start-up fails with the list of
     * problems instead of silently running without SSO. Does not match where only the profile of
     * {@code AWS_PROFILE} or {@code default} configures it, no role is named, and a local AWS emulator's connection
     * details are present (see {@link LocalAwsConnection}).
     */
    static final class Configured extends OnSsoConfigurationCondition {

        Configured() {
            super("IAM Identity Center configuration");
        }

        @Override
        ConditionOutcome getMatchOutcome(ConditionContext context, SsoConfiguration configuration,
                ConditionMessage.Builder message) {
            if (configuration.hasProblems()) {
                return ConditionOutcome
                    .match(message.because("it is configured with problems, which start-up reports"));
            }
            if (configuration.settings().isEmpty()) {
                return ConditionOutcome.noMatch(message.didNotFind("settings in").items(configuration.searched()));
            }
            List<String> connections = LocalAwsConnection.beanNames(context.getBeanFactory());
            if (!connections.isEmpty() && !configuration.requestedByProperties() && !configuration.hasNamedRoles()) {
                return ConditionOutcome.noMatch(message.because("the AWS connection details " + connections
                        + " of a local AWS emulator are present, and no aws.sso.* property asks for IAM Identity"
                        + " Center beside them"));
            }
            return ConditionOutcome
                .match(message.found("settings in").items(configuration.settings().get().source()));
        }
    }

    /**
     * Matches when the SSO configuration names a region for the application's clients ({@code aws.sso.region} or
     * the profile's {@code region}); otherwise the region is left to the SDK or Spring Cloud AWS. Where an
     * AOT-processed application runs, the region provider serves that region, or else the SDK's default region
     * chain.
     */
    static final class Region extends OnSsoConfigurationCondition {

        Region() {
            super("IAM Identity Center region");
        }

        @Override
        ConditionOutcome getMatchOutcome(ConditionContext context, SsoConfiguration configuration,
                ConditionMessage.Builder message) {
            if (configuration.hasProblems()) {
                return ConditionOutcome.noMatch(message.because("the IAM Identity Center configuration has problems"));
            }
            return configuration.settings()
                .filter((settings) -> settings.region() != null)
                .map((settings) -> ConditionOutcome
                    .match(message.found("region").items(settings.region() + " in " + settings.source())))
                .orElseGet(() -> ConditionOutcome
                    .noMatch(message.didNotFind("region in").items("aws.sso.region or the profile")));
        }
    }

    /**
     * Matches unless a local AWS emulator's connection details are present and no {@code aws.sso.*} property asks
     * for the default role's sign-in: the developer's session must not sign the emulator's calls (see
     * {@link LocalAwsConnection}).
     */
    static final class DefaultRole extends OnSsoConfigurationCondition {

        DefaultRole() {
            super("IAM Identity Center default role");
        }

        @Override
        ConditionOutcome getMatchOutcome(ConditionContext context, SsoConfiguration configuration,
                ConditionMessage.Builder message) {
            List<String> connections = LocalAwsConnection.beanNames(context.getBeanFactory());
            if (connections.isEmpty()) {
                return ConditionOutcome.match(message.didNotFind("AWS connection details").atAll());
            }
            if (configuration.requestedByProperties()) {
                return ConditionOutcome.match(message.because("aws.sso.* properties ask for it beside the AWS"
                        + " connection details " + connections));
            }
            return ConditionOutcome.noMatch(message.found("AWS connection details").items(connections));
        }
    }
}
