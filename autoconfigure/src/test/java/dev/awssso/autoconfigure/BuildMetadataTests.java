package dev.awssso.autoconfigure;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata files that the annotation processors write into the compiled classes, and so into the jar: without
 * them an IDE offers no help for {@code aws.sso.*} keys and Spring evaluates every condition at start-up. A javac
 * that ignores the processors (JDK 23 and later, when they sit on the class path) makes them disappear silently.
 */
class BuildMetadataTests {

    private final Path classes = classesDirectory();

    @Test
    void everyAwsSsoPropertyHasADescription() throws IOException {
        List<Map<String, Object>> properties = JsonPath
            .read(Files.readString(metadataFile("spring-configuration-metadata.json")), "$.properties");

        List<String> names = properties.stream().map((property) -> (String) property.get("name")).toList();
        assertThat(names).contains("aws.sso.enabled", "aws.sso.check-interval", "aws.sso.timeouts.connect",
                "aws.sso.login.flow", "aws.sso.roles", "management.health.awssso.enabled",
                "management.endpoint.awssso.access");
        assertThat(properties).filteredOn((property) -> ((String) property.get("name")).startsWith("aws.sso."))
            .allSatisfy((property) -> assertThat((String) property.get("description"))
                .as("description of %s", property.get("name"))
                .isNotBlank());
    }

    @Test
    void everyAutoConfigurationIsInTheAutoConfigureMetadata() throws IOException {
        Properties metadata = new Properties();
        try (Reader reader = Files.newBufferedReader(metadataFile("spring-autoconfigure-metadata.properties"))) {
            metadata.load(reader);
        }
        List<String> autoConfigurations = Files
            .readAllLines(metadataFile("spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
            .stream()
            .filter((line) -> !line.isBlank() && !line.startsWith("#"))
            .toList();

        assertThat(autoConfigurations).isNotEmpty();
        assertThat(metadata).containsKeys(autoConfigurations.toArray());
    }

    private Path metadataFile(String name) {
        Path file = this.classes.resolve("META-INF").resolve(name);
        assertThat(file).as("META-INF/%s in the compiled classes", name).isRegularFile();
        return file;
    }

    private static Path classesDirectory() {
        try {
            return Path.of(AwsSsoProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
