package dev.awssso.autoconfigure;

import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.CredentialsProperties;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProperties;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The credentials and region providers of an application whose starter beans step aside at run time (it was
 * AOT-processed with them in place and finds no SSO configuration where it runs): those Spring Cloud AWS would
 * have created, from its {@code spring.cloud.aws.*} settings and connection details, where it is present, else the
 * AWS SDK's default chains. The application closes them with its context.
 */
final class StepAsideProviders {

    private static final boolean SPRING_CLOUD_AWS = ClassUtils.isPresent(
            "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
            StepAsideProviders.class.getClassLoader());

    private StepAsideProviders() {
    }

    static AwsCredentialsProvider credentialsProvider(Environment environment, BeanFactory beanFactory) {
        return SPRING_CLOUD_AWS ? SpringCloudAws.credentialsProvider(environment, beanFactory)
                : DefaultCredentialsProvider.builder().build();
    }

    static AwsRegionProvider regionProvider(Environment environment) {
        return SPRING_CLOUD_AWS ? SpringCloudAws.regionProvider(environment) : new DefaultAwsRegionProviderChain();
    }

    /** Spring Cloud AWS's own factories, in a class of their own so that nothing loads them without it. */
    private static final class SpringCloudAws {

        static AwsCredentialsProvider credentialsProvider(Environment environment, BeanFactory beanFactory) {
            CredentialsProperties credentials = Binder.get(environment)
                .bindOrCreate(CredentialsProperties.PREFIX, CredentialsProperties.class);
            return CredentialsProviderAutoConfiguration.createCredentialsProvider(credentials,
                    regionProvider(environment), beanFactory.getBeanProvider(AwsConnectionDetails.class).getIfAvailable());
        }

        static AwsRegionProvider regionProvider(Environment environment) {
            RegionProperties region = Binder.get(environment)
                .bindOrCreate(RegionProperties.PREFIX, RegionProperties.class);
            return RegionProviderAutoConfiguration.createRegionProvider(region);
        }
    }
}
