package dev.awssso.core.login;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.internal.CacheTimestamps;
import dev.awssso.core.token.CacheFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The client registration file that {@code aws sso login} keeps beside the token, shared with it: named after
 * the SHA-1 of the same key the AWS CLI builds, holding {@code clientId}, {@code clientSecret},
 * {@code expiresAt}, {@code scopes} and, for PKCE, {@code grantTypes}.
 */
final class RegistrationCache {

    private static final Logger logger = LoggerFactory.getLogger(RegistrationCache.class);

    private final Path file;

    RegistrationCache(Path cacheDirectory, SsoSettings settings) {
        this.file = cacheDirectory.toAbsolutePath().normalize().resolve(CacheFiles.fileName(cacheKey(settings)));
    }

    /** The path of the registration file. */
    public Path path() {
        return this.file;
    }

    /**
     * The key whose SHA-1 names the file: the JSON the AWS CLI builds with Python's {@code json.dumps(...,
     * sort_keys=True)} from the configured start URL, SSO region, scopes and session name.
     */
    static String cacheKey(SsoSettings settings) {
        StringBuilder scopes = new StringBuilder("[");
        for (String scope : settings.registrationScopes()) {
            scopes.append((scopes.length() > 1) ? ", " : "").append(PythonJson.string(scope));
        }
        scopes.append(']');
        String scopesValue = settings.registrationScopes().isEmpty() ? "null" : scopes.toString();
        String sessionName = (settings.sessionName() != null) ? PythonJson.string(settings.sessionName()) : "null";
        return "{\"region\": " + PythonJson.string(settings.ssoRegion()) + ", \"scopes\": " + scopesValue
                + ", \"session_name\": " + sessionName + ", \"startUrl\": " + PythonJson.string(settings.startUrl())
                + ", \"tool\": \"botocore\"}";
    }

    /** The cached registration, if there is one that can be read; an unreadable one is logged and ignored. */
    public Optional<ClientRegistration> read() {
        try {
            Map<String, JsonNode> fields = JsonNode.parser().parse(CacheFiles.readNoFollow(this.file)).asObject();
            return Optional.of(new ClientRegistration(fields.get("clientId").asString(),
                    fields.get("clientSecret").asString(), parseInstant(fields.get("expiresAt")),
                    strings(fields.get("scopes")), fields.containsKey("grantTypes") ? strings(fields.get("grantTypes")) : null));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Ignoring the client registration file {}: it cannot be read ({}); a new client will be"
                    + " registered.", this.file, ex.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Writes {@code registration}, atomically and readable by the owner only. */
    public void write(ClientRegistration registration) throws IOException {
        JsonWriter writer = JsonWriter.create();
        writer.writeStartObject();
        writer.writeFieldName("clientId").writeValue(registration.clientId());
        writer.writeFieldName("clientSecret").writeValue(registration.clientSecret());
        writer.writeFieldName("expiresAt").writeValue(CacheTimestamps.format(registration.expiresAt()));
        writer.writeFieldName("scopes").writeStartArray();
        registration.scopes().forEach(writer::writeValue);
        writer.writeEndArray();
        if (registration.grantTypes() != null) {
            writer.writeFieldName("grantTypes").writeStartArray();
            registration.grantTypes().forEach(writer::writeValue);
            writer.writeEndArray();
        }
        writer.writeEndObject();
        CacheFiles.writeAtomically(this.file, writer.getBytes());
    }

    private static Instant parseInstant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochSecond(new BigDecimal(node.asNumber()).longValue());
        }
        return CacheTimestamps.parse(node.asString());
    }

    private static List<String> strings(@Nullable JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.asArray().forEach((element) -> values.add(element.asString()));
        }
        return values;
    }

    /** Python's {@code json.dumps} string form: ASCII only, with the same escapes. */
    private static final class PythonJson {

        static String string(String value) {
            StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    case '\b' -> quoted.append("\\b");
                    case '\f' -> quoted.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        }
                        else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }
}
