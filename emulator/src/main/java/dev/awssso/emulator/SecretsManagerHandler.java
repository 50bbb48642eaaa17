package dev.awssso.emulator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.CallerAuthenticator.Caller;
import dev.awssso.emulator.EmulatedSecretsManager.StoredSecret;
import dev.awssso.emulator.Paging.Page;

/**
 * Secrets Manager {@code GetSecretValue} and {@code BatchGetSecretValue} (AWS JSON 1.1, target prefix
 * {@code secretsmanager}), for callers signed with role credentials the emulator issued. Only the current version
 * ({@code AWSCURRENT}) of a secret is served.
 */
final class SecretsManagerHandler {

    /** The signing name of the service. */
    static final String SERVICE = "secretsmanager";

    private static final String CURRENT = "AWSCURRENT";

    private static final int MAX_SECRET_IDS = 20;

    private static final int MAX_RESULTS = 20;

    private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";

    private final EmulatedSecretsManager store;

    SecretsManagerHandler(EmulatedSecretsManager store) {
        this.store = store;
    }

    List<Route> routes(CallerAuthenticator authenticator) {
        return List.of(
                Route.awsJson("secretsmanager.GetSecretValue", Operation.GET_SECRET_VALUE,
                        authenticator.signedBy(SERVICE, SignatureErrors.JSON, this::getSecretValue)),
                Route.awsJson("secretsmanager.BatchGetSecretValue", Operation.BATCH_GET_SECRET_VALUE,
                        authenticator.signedBy(SERVICE, SignatureErrors.JSON, this::batchGetSecretValue)));
    }

    /**
     * {@code GetSecretValue}: the current value of a secret, by name or ARN.
     */
    Reply getSecretValue(Request request, Caller caller) {
        JsonBody body = JsonBody.parse(request.body());
        String secretId = body.string("SecretId");
        if (secretId == null || secretId.isEmpty()) {
            throw invalidParameter("SecretId is required");
        }
        StoredSecret secret = this.store.find(secretId)
            .orElseThrow(() -> new ServiceError(400, "ResourceNotFoundException", NOT_FOUND));
        String versionId = body.string("VersionId");
        if (versionId != null && !versionId.equals(secret.versionId())) {
            throw new ServiceError(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
        }
        String stage = body.string("VersionStage");
        if (stage != null && !stage.equals(CURRENT)) {
            throw new ServiceError(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + stage);
        }
        JsonWriter json = JsonWriter.create();
        write(json, secret, caller);
        return Reply.awsJson(json.getBytes());
    }

    /**
     * {@code BatchGetSecretValue}: up to 20 secrets named in {@code SecretIdList} (those not found are listed in
     * {@code Errors}), or the secrets that {@code Filters} on {@code name} (or {@code all}) choose, 20 at most a
     * page.
     */
    Reply batchGetSecretValue(Request request, Caller caller) {
        JsonBody body = JsonBody.parse(request.body());
        List<String> secretIds = body.strings("SecretIdList");
        List<JsonBody> filters = body.objects("Filters");
        if (secretIds.isEmpty() == filters.isEmpty()) {
            throw invalidParameter("Either SecretIdList or Filters must be specified, but not both.");
        }
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("SecretValues").writeStartArray();
        if (!secretIds.isEmpty()) {
            List<String> notFound = bySecretId(json, secretIds, body, caller);
            json.writeEndArray();
            json.writeFieldName("Errors").writeStartArray();
            for (String secretId : notFound) {
                json.writeStartObject();
                json.writeFieldName("SecretId").writeValue(secretId);
                json.writeFieldName("ErrorCode").writeValue("ResourceNotFoundException");
                json.writeFieldName("Message").writeValue(NOT_FOUND);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        else {
            Page<StoredSecret> page = byFilters(filters, body);
            for (StoredSecret secret : page.items()) {
                write(json, secret, caller);
            }
            json.writeEndArray();
            json.writeFieldName("Errors").writeStartArray().writeEndArray();
            if (page.nextToken() != null) {
                json.writeFieldName("NextToken").writeValue(page.nextToken());
            }
        }
        return Reply.awsJson(json.writeEndObject().getBytes());
    }

    /**
     * Writes the secrets named, in order.
     * @return the ids not found
     */
    private List<String> bySecretId(JsonWriter json, List<String> secretIds, JsonBody body, Caller caller) {
        if (secretIds.size() > MAX_SECRET_IDS) {
            throw invalidParameter("SecretIdList can name at most " + MAX_SECRET_IDS + " secrets.");
        }
        if (body.integer("MaxResults") != null || body.string("NextToken") != null) {
            throw invalidParameter("MaxResults and NextToken can only be used with Filters.");
        }
        List<String> notFound = new ArrayList<>();
        for (String secretId : secretIds) {
            Optional<StoredSecret> secret = this.store.find(secretId);
            if (secret.isPresent()) {
                write(json, secret.get(), caller);
            }
            else {
                notFound.add(secretId);
            }
        }
        return notFound;
    }

    private Page<StoredSecret> byFilters(List<JsonBody> filters, JsonBody body) {
        Predicate<StoredSecret> chosen = (secret) -> true;
        for (JsonBody filter : filters) {
            chosen = chosen.and(namePrefixFilter(filter));
        }
        Integer maxResults = body.integer("MaxResults");
        if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
            throw invalidParameter("MaxResults must be between 1 and " + MAX_RESULTS + ".");
        }
        return NamePaging.page(this.store.all().stream().filter(chosen).toList(), StoredSecret::name,
                body.string("NextToken"), (maxResults != null) ? maxResults : MAX_RESULTS,
                () -> new ServiceError(400, "InvalidNextTokenException", "The NextToken value is invalid."));
    }

    /** A {@code name} or {@code all} filter: the name starts with one of the values. */
    private static Predicate<StoredSecret> namePrefixFilter(JsonBody filter) {
        String key = filter.string("Key");
        if (!"name".equals(key) && !"all".equals(key)) {
            throw invalidParameter("The emulator supports the filter keys name and all, not " + key + ".");
        }
        List<String> values = filter.strings("Values");
        return (secret) -> values.stream().anyMatch(secret.name()::startsWith);
    }

    private static void write(JsonWriter json, StoredSecret secret, Caller caller) {
        json.writeStartObject();
        json.writeFieldName("ARN").writeValue(secret.arn(caller.region(), caller.accountId()));
        json.writeFieldName("Name").writeValue(secret.name());
        json.writeFieldName("VersionId").writeValue(secret.versionId());
        if (secret.string() != null) {
            json.writeFieldName("SecretString").writeValue(secret.string());
        }
        if (secret.binary() != null) {
            json.writeFieldName("SecretBinary").writeValue(ByteBuffer.wrap(secret.binary()));
        }
        json.writeFieldName("VersionStages").writeStartArray().writeValue(CURRENT).writeEndArray();
        json.writeFieldName("CreatedDate").writeValue(secret.createdDate());
        json.writeEndObject();
    }

    private static ServiceError invalidParameter(String message) {
        return new ServiceError(400, "InvalidParameterException", message);
    }

}
