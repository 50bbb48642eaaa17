package dev.awssso.autoconfigure.endpoint;

import dev.awssso.autoconfigure.AwsLoginSessionAutoConfiguration;
import dev.awssso.boot.endpoint.AwsLoginSessionEndpoint;
import dev.awssso.core.engine.LoginSessionEngine;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} actuator endpoint of an {@code aws login} session. Like every endpoint
 * but health, it is only available once exposed ({@code management.endpoints.web.exposure.include=health,awssso}).
 */
@AutoConfiguration(after = AwsLoginSessionAutoConfiguration.class)
@ConditionalOnClass({ AwsLoginSessionEndpoint.class, ConditionalOnAvailableEndpoint.class })
public final class AwsLoginSessionEndpointAutoConfiguration {

    /** Apart from the class condition, as in {@link AwsSsoEndpointAutoConfiguration}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(AwsLoginSessionEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnBean(LoginSessionEngine.class)
        @ConditionalOnMissingBean
        AwsLoginSessionEndpoint awsLoginSessionEndpoint(LoginSessionEngine engine) {
            return new AwsLoginSessionEndpoint(engine);
        }
    }
}
