package dev.awssso.autoconfigure;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import dev.awssso.core.CallTimeouts;
import dev.awssso.core.EngineOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default has one source, the engine's: the {@code aws.sso.*} properties start from the engine's defaults,
 * and the IDE help (the generated metadata) and the properties table of {@code docs/configuration.md} say the same.
 */
class PropertyDefaultsTests {

    /** The engine's defaults by the property that sets them. */
    private static final Map<String, Object> ENGINE_DEFAULTS = engineDefaults();

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([^`|]+)` \\|",
            Pattern.MULTILINE);

    @Test
    void thePropertiesStartFromTheEngineDefaults() {
        AwsSsoProperties properties = new AwsSsoProperties();
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("aws.sso.token-refresh-window", properties.getTokenRefreshWindow());
        bound.put("aws.sso.credentials-refresh-window", properties.getCredentialsRefreshWindow());
        bound.put("aws.sso.check-interval", properties.getCheckInterval());
        bound.put("aws.sso.session-duration", properties.getSessionDuration());
        bound.put("aws.sso.expiry-warnings", properties.getExpiryWarnings());
        bound.put("aws.sso.login.timeout", properties.getLogin().getTimeout());
        bound.put("aws.sso.timeouts.connect", properties.getTimeouts().getConnect());
        bound.put("aws.sso.timeouts.read", properties.getTimeouts().getRead());
        bound.put("aws.sso.timeouts.call", properties.getTimeouts().getCall());
        bound.put("aws.sso.timeouts.caller-wait", properties.getTimeouts().getCallerWait());

        assertThat(bound).isEqualTo(ENGINE_DEFAULTS);
    }

    @Test
    void theMetadataGivesTheEngineDefaults() throws IOException {
        Map<String, String> metadata = metadataDefaults();

        ENGINE_DEFAULTS.forEach((name, value) -> assertThat(metadata.get(name)).as("metadata default of %s", name)
            .isEqualTo(words(value)));
    }

    @Test
    void theDocumentationGivesTheDefaultsOfTheMetadata() throws IOException {
        Map<String, String> metadata = metadataDefaults();
        Map<String, String> documented = documentedDefaults();

        assertThat(documented).as("the documented defaults")
            .containsKeys(ENGINE_DEFAULTS.keySet().toArray(String[]::new));
        documented.forEach((name, value) -> {
            if (metadata.containsKey(name)) {
                assertThat(value).as("documented default of %s", name).isEqualTo(metadata.get(name));
            }
        });
    }

    private static Map<String, Object> engineDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("aws.sso.token-refresh-window", EngineOptions.DEFAULT_TOKEN_REFRESH_WINDOW);
        defaults.put("aws.sso.credentials-refresh-window", EngineOptions.DEFAULT_CREDENTIALS_REFRESH_WINDOW);
        defaults.put("aws.sso.check-interval", EngineOptions.DEFAULT_CHECK_INTERVAL);
        defaults.put("aws.sso.session-duration", EngineOptions.DEFAULT_SESSION_DURATION);
        defaults.put("aws.sso.expiry-warnings", EngineOptions.DEFAULT_EXPIRY_WARNINGS);
        defaults.put("aws.sso.login.timeout", EngineOptions.DEFAULT_LOGIN_TIMEOUT);
        defaults.put("aws.sso.timeouts.connect", CallTimeouts.DEFAULT.connect());
        defaults.put("aws.sso.timeouts.read", CallTimeouts.DEFAULT.read());
        defaults.put("aws.sso.timeouts.call", CallTimeouts.DEFAULT.call());
        defaults.put("aws.sso.timeouts.caller-wait", EngineOptions.DEFAULT_CALLER_WAIT);
        return defaults;
    }

    /** The defaults of the generated metadata, as the documentation writes them. */
    private static Map<String, String> metadataDefaults() throws IOException {
        List<Map<String, Object>> properties = JsonPath.read(Files.readString(classesDirectory()
            .resolve("META-INF/spring-configuration-metadata.json")), "$.properties");
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Map<String, Object> property : properties) {
            Object value = property.get("defaultValue");
            if (value != null) {
                defaults.put((String) property.get("name"), words(value));
            }
        }
        return defaults;
    }

    /** The defaults of the properties table of docs/configuration.md that are values, not words. */
    private static Map<String, String> documentedDefaults() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(page);
        while (row.find()) {
            defaults.put(row.group(1), row.group(2));
        }
        return defaults;
    }

    private static String words(Object value) {
        if (value instanceof Duration duration) {
            return durationWords(duration);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PropertyDefaultsTests::words).collect(Collectors.joining(","));
        }
        return value.toString().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String durationWords(Duration duration) {
        if (duration.toHoursPart() == 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0
                && duration.toMillisPart() == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toMillisPart() == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSecondsPart() == 0 && duration.toMillisPart() == 0) {
            return duration.toMinutes() + "m";
        }
        return (duration.toMillisPart() == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
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
