package dev.awssso.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Auto-configuration of the AWS SDK's default credentials and region chains as beans where nothing else provides
 * them: where IAM Identity Center is not configured (ECS, EKS, EC2, Lambda, CI), an application that injects an
 * {@link AwsCredentialsProvider} or an {@link AwsRegionProvider} starts and runs on its IAM role. Runs after Spring
 * Cloud AWS, whose providers (and {@code spring.cloud.aws.credentials.*} and {@code region.*} settings) win where it
 * is present, and after the application's own beans.
 */
@AutoConfiguration(after = { AwsSsoAutoConfiguration.class, AwsLoginSessionAutoConfiguration.class },
        afterName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
                "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" })
@ConditionalOnClass(AwsCredentialsProvider.class)
public final class AwsSsoDefaultChainsAutoConfiguration {

    /** The SDK's default credentials chain, closed with the context. */
    @Bean
    @ConditionalOnMissingBean(AwsCredentialsProvider.class)
    DefaultCredentialsProvider awsDefaultCredentialsProvider() {
        return DefaultCredentialsProvider.builder().build();
    }

    /** The SDK's default region chain. */
    @Bean
    @ConditionalOnMissingBean(AwsRegionProvider.class)
    DefaultAwsRegionProviderChain awsDefaultRegionProvider() {
        return new DefaultAwsRegionProviderChain();
    }
}
