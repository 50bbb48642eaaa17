package dev.awssso.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the connection details of a local AWS emulator (LocalStack, Floci): Spring Cloud AWS's
 * {@code AwsConnectionDetails} beans, which a {@code @ServiceConnection} registers. Spring Cloud AWS signs with their
 * static keys only where no other {@code AwsCredentialsProvider} bean exists, so the default role's provider steps
 * aside for them unless {@code aws.sso.*} properties ask for IAM Identity Center.
 */
final class LocalAwsConnection {

    private static final String CONNECTION_DETAILS = "io.awspring.cloud.autoconfigure.core.AwsConnectionDetails";

    private LocalAwsConnection() {
    }

    /** The names of the connection details beans; none without Spring Cloud AWS. */
    static List<String> beanNames(@Nullable ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = LocalAwsConnection.class.getClassLoader();
        if (beanFactory == null || !ClassUtils.isPresent(CONNECTION_DETAILS, classLoader)) {
            return List.of();
        }
        Class<?> type = ClassUtils.resolveClassName(CONNECTION_DETAILS, classLoader);
        return List.of(beanFactory.getBeanNamesForType(type, true, false));
    }
}
