package dev.awssso.benchmarks.startup;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The application whose start-up is measured: Spring MVC and Actuator, one controller and, with
 * {@code benchmark.sts-client=true}, an {@link StsClient} built like the sample app builds it (with the starter's
 * credentials and region providers when there are any). It is the same application with and without the
 * starter; {@link StartupArguments} says which.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApplication {

    /** Starts the application with command-line style arguments. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(StartupApplication.class, args);
    }

    /** Starts the application with command-line style arguments, recording its start-up steps. */
    public static ConfigurableApplicationContext start(ApplicationStartup startup, String... args) {
        SpringApplication application = new SpringApplication(StartupApplication.class);
        application.setApplicationStartup(startup);
        return application.run(args);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("benchmark.sts-client")
    StsClient stsClient(ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region,
            Environment environment) {
        StsClientBuilder builder = StsClient.builder();
        credentials.ifAvailable(builder::credentialsProvider);
        AwsRegionProvider regionProvider = region.getIfAvailable();
        builder.region((regionProvider != null) ? regionProvider.getRegion()
                : Region.of(environment.getRequiredProperty("benchmark.region")));
        URI endpoint = environment.getProperty("aws.sso.endpoint.sts", URI.class);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** A controller, as applications have. */
    @RestController
    static class PingController {

        @GetMapping("/ping")
        String ping() {
            return "pong";
        }
    }
}
