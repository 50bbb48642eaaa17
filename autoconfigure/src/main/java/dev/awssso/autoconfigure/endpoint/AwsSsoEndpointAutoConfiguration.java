package dev.awssso.autoconfigure.endpoint;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.AwsSsoProperties;
import dev.awssso.boot.AwsSsoService;
import dev.awssso.boot.RoleIdentityLookups;
import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.endpoint.AwsSsoEndpointWebExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code awssso} actuator endpoint. Like every endpoint but health, it is only
 * available once exposed ({@code management.endpoints.web.exposure.include=health,awssso}).
 */
@AutoConfiguration(after = AwsSsoAutoConfiguration.class)
@ConditionalOnClass({ AwsSsoEndpoint.class, ConditionalOnAvailableEndpoint.class })
public final class AwsSsoEndpointAutoConfiguration {

    /**
     * Apart from the class condition, whose failure then keeps Spring from reading this class's conditions, which
     * the actuator holds.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(AwsSsoEndpoint.class)
    static class EndpointConfiguration {

        /** The endpoint; its identity detail needs the SDK's sts module, whose look-ups are optional. */
        @Bean
        @ConditionalOnBean(AwsSsoService.class)
        @ConditionalOnMissingBean
        AwsSsoEndpoint awsSsoEndpoint(AwsSsoService service, ObjectProvider<RoleIdentityLookups> identityLookups,
                AwsSsoProperties properties) {
            return new AwsSsoEndpoint(service, identityLookups.getIfAvailable(), properties.getLogin().getFlow());
        }

        @Bean
        @ConditionalOnBean(AwsSsoEndpoint.class)
        @ConditionalOnMissingBean
        AwsSsoEndpointWebExtension awsSsoEndpointWebExtension(AwsSsoEndpoint endpoint) {
            return new AwsSsoEndpointWebExtension(endpoint);
        }
    }
}
