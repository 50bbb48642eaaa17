package dev.awssso.sample;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The application's AWS clients, built with the starter's {@link AwsCredentialsProvider} and
 * {@link AwsRegionProvider}. Without SSO configuration the starter registers neither, and the clients fall
 * back to the SDK's default chains, as they would on an IAM role in production.
 */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    @Bean(destroyMethod = "close")
    StsClient stsClient(ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region,
            Environment environment) {
        StsClientBuilder builder = StsClient.builder();
        credentials.ifAvailable(builder::credentialsProvider);
        region.ifAvailable((provider) -> builder.region(provider.getRegion()));
        URI endpoint = environment.getProperty("aws.sso.endpoint.sts", URI.class);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
