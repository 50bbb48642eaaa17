package dev.awssso.autoconfigure.bootstrap;

import dev.awssso.test.AutoConfigureAwsSsoEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.config.import} of Parameter Store and Secrets Manager in a test with
 * {@code @AutoConfigureAwsSsoEmulator}: the values of the annotation, imported through Spring Cloud AWS with the
 * starter's credentials before the application's beans are made.
 */
@SpringBootTest(classes = ImportTestApplication.class,
        properties = "spring.config.import=aws-parameterstore:/config/my-app/,aws-secretsmanager:my-app/db")
@AutoConfigureAwsSsoEmulator(parameters = "/config/my-app/greeting=hello from Parameter Store",
        secrets = "my-app/db={\"db.password\":\"s3cr3t\"}")
class AutoConfigureAwsSsoEmulatorImportTests {

    @Value("${greeting}")
    String greeting;

    @Value("${db.password}")
    String password;

    @Test
    void importsTheSeededValues() {
        assertThat(this.greeting).isEqualTo("hello from Parameter Store");
        assertThat(this.password).isEqualTo("s3cr3t");
    }

}
