package dev.awssso.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * How a service shapes its error answers and what a truncated answer of it looks like.
 */
enum Dialect {

    /** SSO portal: rest-json, error body {@code {"message": ...}}. */
    PORTAL {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            byte[] body = JsonWriter.create().writeStartObject().writeFieldName("message").writeValue(message)
                .writeEndObject().getBytes();
            return new Reply(status, Reply.JSON, body, errorType);
        }

    },

    /** SSO OIDC: rest-json, error body {@code {"error": ..., "error_description": ...}}. */
    OIDC {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            byte[] body = JsonWriter.create().writeStartObject()
                .writeFieldName("error").writeValue(oauthError(errorType))
                .writeFieldName("error_description").writeValue(message)
                .writeEndObject().getBytes();
            return new Reply(status, Reply.JSON, body, errorType);
        }

    },

    /**
     * AWS Sign-In: rest-json, error body {@code {"error": ..., "message": ...}} whose {@code error} is an
     * {@code OAuth2ErrorCode}; without one given, the usual code of the error shape and status.
     */
    SIGNIN {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            return signinError(status, errorType, signinCode(status, errorType), message);
        }

        @Override
        Reply error(ServiceError error, String requestId) {
            String code = error.code();
            return (code != null) ? signinError(error.status(), error.errorType(), code, error.getMessage())
                    : super.error(error, requestId);
        }

    },

    /** The sign-in pages: an HTML page explaining the error, without {@code x-amzn-ErrorType}. */
    PAGE {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            return Reply.html(status, Pages.error(status, message));
        }

        @Override
        Reply truncated() {
            return Reply.html(200, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Sign in");
        }

    },

    /**
     * Parameter Store and Secrets Manager: AWS JSON 1.1, error body {@code {"__type": ..., "message": ...}}.
     */
    AWS_JSON {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            byte[] body = JsonWriter.create().writeStartObject()
                .writeFieldName("__type").writeValue(errorType)
                .writeFieldName("message").writeValue(message)
                .writeEndObject().getBytes();
            return new Reply(status, Reply.AWS_JSON, body, errorType);
        }

    },

    /** STS: AWS query protocol, XML {@code ErrorResponse} whose {@code Code} is the error type. */
    QUERY {

        @Override
        Reply error(int status, String errorType, String message, String requestId) {
            String body = "<ErrorResponse xmlns=\"" + STS_NAMESPACE + "\">\n  <Error>\n    <Type>"
                    + ((status < 500) ? "Sender" : "Receiver") + "</Type>\n    <Code>" + Xml.escape(errorType)
                    + "</Code>\n    <Message>" + Xml.escape(message) + "</Message>\n  </Error>\n  <RequestId>"
                    + requestId + "</RequestId>\n</ErrorResponse>\n";
            return new Reply(status, Reply.XML, body.getBytes(StandardCharsets.UTF_8), null);
        }

        @Override
        Reply truncated() {
            return Reply.xml("<GetCallerIdentityResponse xmlns=\"" + STS_NAMESPACE
                    + "\">\n  <GetCallerIdentityResult>\n    <Arn>arn:aws:sts::");
        }

    };

    static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final byte[] TRUNCATED_JSON = "{\"message\":\"this answer ends abrup"
        .getBytes(StandardCharsets.UTF_8);

    /**
     * The error answer.
     * @param status HTTP status
     * @param errorType error shape name (error code)
     * @param message human-readable message, without secrets
     * @param requestId the request id
     * @return the answer
     */
    abstract Reply error(int status, String errorType, String message, String requestId);

    /**
     * The error answer to a modeled error.
     * @param error the error, whose message holds no secret
     * @param requestId the request id
     * @return the answer
     */
    Reply error(ServiceError error, String requestId) {
        return error(error.status(), error.errorType(), error.getMessage(), requestId);
    }

    /**
     * An HTTP 200 answer whose body ends in the middle; truncated JSON unless the dialect is XML or HTML.
     */
    Reply truncated() {
        return new Reply(200, Reply.JSON, TRUNCATED_JSON, null);
    }

    private static Reply signinError(int status, String errorType, String code, String message) {
        byte[] body = JsonWriter.create().writeStartObject()
            .writeFieldName("error").writeValue(code)
            .writeFieldName("message").writeValue(message)
            .writeEndObject().getBytes();
        return new Reply(status, Reply.JSON, body, errorType);
    }

    /**
     * The {@code OAuth2ErrorCode} AWS Sign-In sends with an error shape and status, as the SDK reads it.
     */
    private static String signinCode(int status, String errorType) {
        return switch (errorType) {
            case "AccessDeniedException" -> (status == 401) ? "TOKEN_EXPIRED" : "INSUFFICIENT_PERMISSIONS";
            case "TooManyRequestsError" -> "rate_exceeded";
            case "ServiceUnavailableException" -> "service_unavailable";
            default -> (status >= 500) ? "server_error" : "invalid_request";
        };
    }

    /**
     * The OAuth-style {@code error} value of an error shape: {@code InvalidGrantException} gives
     * {@code invalid_grant}.
     */
    private static String oauthError(String errorType) {
        String name = errorType.endsWith("Exception")
                ? errorType.substring(0, errorType.length() - "Exception".length()) : errorType;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

}
