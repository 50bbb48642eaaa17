package dev.awssso.autoconfigure.health.boot3;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import dev.awssso.boot.health.boot3.AwsSsoBoot3HealthIndicator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configure metadata that the annotation processor writes into the compiled classes. Its
 * {@code ConditionalOnClass} entries let Spring Boot 4, which lacks the Spring Boot 3 health API, skip the
 * auto-configurations without loading their classes.
 */
class BuildMetadataTests {

    @Test
    void theAutoConfigurationsAreImportedAndTheirClassConditionsAreInTheMetadata() throws IOException {
        Path metaInf = classesDirectory().resolve("META-INF");
        List<String> imports = Files
            .readAllLines(metaInf.resolve("spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
        Properties metadata = new Properties();
        try (Reader reader = Files.newBufferedReader(metaInf.resolve("spring-autoconfigure-metadata.properties"))) {
            metadata.load(reader);
        }

        List<String> names = List.of(AwsSsoBoot3HealthContributorAutoConfiguration.class.getName(),
                AwsLoginSessionBoot3HealthContributorAutoConfiguration.class.getName());
        assertThat(imports).containsExactlyElementsOf(names);
        assertThat(names).allSatisfy((name) -> assertThat(metadata.getProperty(name + ".ConditionalOnClass"))
            .as(name)
            .isEqualTo("org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator,"
                    + "org.springframework.boot.actuate.health.HealthIndicator"));
    }

    private static Path classesDirectory() {
        try {
            return Path
                .of(AwsSsoBoot3HealthIndicator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
