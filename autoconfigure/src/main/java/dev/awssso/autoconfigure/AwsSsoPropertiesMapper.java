package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import dev.awssso.core.SsoEndpoints;
import dev.awssso.core.config.InlineRoleSettings;
import dev.awssso.core.config.InlineSsoSettings;

/** Maps the {@code aws.sso.*} properties to the engine's types: inline settings, named roles, engine options. */
final class AwsSsoPropertiesMapper {

    private AwsSsoPropertiesMapper() {
    }

    /** The SSO values of the properties, to be merged with the shared config file. */
    static InlineSsoSettings inlineSettings(AwsSsoProperties properties) {
        return new InlineSsoSettings(properties.getProfile(), properties.getConfigFile(), properties.getSsoSession(),
                properties.getStartUrl(), properties.getSsoRegion(), properties.getAccountId(),
                properties.getRoleName(), properties.getRegistrationScopes(), properties.getRegion());
    }

    /** The named roles of the properties, in their order, to be resolved with the shared config file. */
    static List<InlineRoleSettings> roleSettings(AwsSsoProperties properties) {
        return properties.getRoles().entrySet().stream().map(AwsSsoPropertiesMapper::roleSettings).toList();
    }

    /** The engine options of the properties, to be built (customizers may change them first). */
    static EngineOptions.Builder engineOptions(AwsSsoProperties properties, Path cacheDirectory) {
        AwsSsoProperties.Endpoint endpoint = properties.getEndpoint();
        return EngineOptions.builder(cacheDirectory)
            .tokenRefreshWindow(properties.getTokenRefreshWindow())
            .credentialsRefreshWindow(properties.getCredentialsRefreshWindow())
            .checkInterval(properties.getCheckInterval())
            .endpoints(new SsoEndpoints(endpoint.getOidc(), endpoint.getPortal(), endpoint.getSts(),
                    endpoint.getSignin()))
            .timeouts(callTimeouts(properties))
            .callerWait(properties.getTimeouts().getCallerWait())
            .sessionDuration(properties.getSessionDuration())
            .expiryWarnings(properties.getExpiryWarnings())
            .loginTimeout(properties.getLogin().getTimeout());
    }

    /** The time limits of calls to AWS. */
    static CallTimeouts callTimeouts(AwsSsoProperties properties) {
        AwsSsoProperties.Timeouts timeouts = properties.getTimeouts();
        return new CallTimeouts(timeouts.getConnect(), timeouts.getRead(), timeouts.getCall());
    }

    private static InlineRoleSettings roleSettings(Map.Entry<String, AwsSsoProperties.Role> entry) {
        AwsSsoProperties.Role role = entry.getValue();
        AwsSsoProperties.AssumeRole assume = role.getAssumeRole();
        return new InlineRoleSettings(entry.getKey(), role.getProfile(), role.getAccountId(), role.getRoleName(),
                (assume != null) ? new InlineRoleSettings.AssumeRole(assume.getRoleArn(), assume.getSessionName(),
                        assume.getExternalId(), assume.getDuration()) : null);
    }
}
