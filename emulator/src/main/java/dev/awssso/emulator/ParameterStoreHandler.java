package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

import dev.awssso.emulator.CallerAuthenticator.Caller;
import dev.awssso.emulator.EmulatedParameterStore.ParameterType;
import dev.awssso.emulator.EmulatedParameterStore.StoredParameter;
import dev.awssso.emulator.Paging.Page;

/**
 * Parameter Store {@code GetParameter} and {@code GetParametersByPath} (AWS JSON 1.1, target prefix
 * {@code AmazonSSM}), for callers signed with role credentials the emulator issued.
 */
final class ParameterStoreHandler {

    /** The signing name of the service. */
    static final String SERVICE = "ssm";

    private static final int MAX_RESULTS = 10;

    private final EmulatedParameterStore store;

    ParameterStoreHandler(EmulatedParameterStore store) {
        this.store = store;
    }

    List<Route> routes(CallerAuthenticator authenticator) {
        return List.of(
                Route.awsJson("AmazonSSM.GetParameter", Operation.GET_PARAMETER,
                        authenticator.signedBy(SERVICE, SignatureErrors.JSON, this::getParameter)),
                Route.awsJson("AmazonSSM.GetParametersByPath", Operation.GET_PARAMETERS_BY_PATH,
                        authenticator.signedBy(SERVICE, SignatureErrors.JSON, this::getParametersByPath)));
    }

    /**
     * {@code GetParameter}: one parameter by name or ARN; a {@code SecureString} in clear text only with
     * {@code WithDecryption}.
     */
    Reply getParameter(Request request, Caller caller) {
        JsonBody body = JsonBody.parse(request.body());
        String name = body.string("Name");
        if (name == null || name.isEmpty()) {
            throw validation("Name is required");
        }
        StoredParameter parameter = this.store.find(nameOf(name))
            .orElseThrow(() -> new ServiceError(400, "ParameterNotFound", "Parameter " + name + " not found."));
        JsonWriter json = JsonWriter.create().writeStartObject().writeFieldName("Parameter");
        write(json, parameter, body.flag("WithDecryption"), caller);
        return Reply.awsJson(json.writeEndObject().getBytes());
    }

    /**
     * {@code GetParametersByPath}: the parameters below a path, one level or the whole hierarchy, at most 10 a
     * page.
     */
    Reply getParametersByPath(Request request, Caller caller) {
        JsonBody body = JsonBody.parse(request.body());
        String path = body.string("Path");
        if (path == null || !path.startsWith("/")) {
            throw validation("The path must start with a forward slash (/): " + path);
        }
        if (!body.objects("ParameterFilters").isEmpty()) {
            throw validation("The emulator does not support ParameterFilters");
        }
        Integer maxResults = body.integer("MaxResults");
        if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
            throw validation("1 validation error detected: Value '" + maxResults + "' at 'maxResults' failed to"
                    + " satisfy constraint: Member must have value between 1 and " + MAX_RESULTS);
        }
        Page<StoredParameter> page = NamePaging.page(this.store.below(path, body.flag("Recursive")),
                StoredParameter::name, body.string("NextToken"), (maxResults != null) ? maxResults : MAX_RESULTS,
                () -> new ServiceError(400, "InvalidNextToken", "The specified token is not valid."));
        boolean decrypt = body.flag("WithDecryption");
        JsonWriter json = JsonWriter.create().writeStartObject().writeFieldName("Parameters").writeStartArray();
        for (StoredParameter parameter : page.items()) {
            write(json, parameter, decrypt, caller);
        }
        json.writeEndArray();
        if (page.nextToken() != null) {
            json.writeFieldName("NextToken").writeValue(page.nextToken());
        }
        return Reply.awsJson(json.writeEndObject().getBytes());
    }

    private static void write(JsonWriter json, StoredParameter parameter, boolean decrypt, Caller caller) {
        boolean hidden = parameter.type() == ParameterType.SECURE_STRING && !decrypt;
        json.writeStartObject();
        json.writeFieldName("Name").writeValue(parameter.name());
        json.writeFieldName("Type").writeValue(parameter.type().wireName());
        json.writeFieldName("Value").writeValue(hidden ? ciphertext(parameter) : parameter.value());
        json.writeFieldName("Version").writeValue(parameter.version());
        json.writeFieldName("LastModifiedDate").writeValue(parameter.lastModified());
        json.writeFieldName("ARN").writeValue(arn(parameter.name(), caller));
        json.writeFieldName("DataType").writeValue("text");
        json.writeEndObject();
    }

    /** The name a {@code Name} member means: the name itself, or the name in a parameter ARN. */
    private String nameOf(String nameOrArn) {
        int resource = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":parameter/") : -1;
        if (resource < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(resource + ":parameter".length());
        return this.store.find(rest).isPresent() ? rest : rest.substring(1);
    }

    private static String arn(String name, Caller caller) {
        return "arn:aws:ssm:" + caller.region() + ":" + caller.accountId() + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
    }

    /** An opaque stand-in for the KMS ciphertext of a {@code SecureString} read without decryption. */
    private static String ciphertext(StoredParameter parameter) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((parameter.name() + "#" + parameter.version()
                    + "#" + parameter.value()).getBytes(StandardCharsets.UTF_8));
            return "AQICAH" + Base64.getEncoder().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static ServiceError validation(String message) {
        return new ServiceError(400, "ValidationException", message);
    }

}
