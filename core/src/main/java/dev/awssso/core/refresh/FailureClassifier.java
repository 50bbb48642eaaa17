package dev.awssso.core.refresh;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

import dev.awssso.core.internal.ForeignText;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Sorts the exceptions of the SSO OIDC, SSO portal and STS clients into {@link FailureKind}s and describes them
 * without echoing anything a response body could contain beyond the service's own error message.
 */
public final class FailureClassifier {

    private static final Set<String> SESSION_ENDED_CODES = Set.of("InvalidGrantException", "ExpiredTokenException",
            "InvalidClientException", "UnauthorizedClientException", "UnauthorizedException");

    /** The token refresh ({@code CreateToken}) refusals that neither end the session nor pass. */
    private static final Set<String> REFRESH_REFUSED_CODES = Set.of("AccessDeniedException", "InvalidRequestException",
            "InvalidScopeException", "UnsupportedGrantTypeException");

    private static final String TOKEN_REFRESH = "CreateToken";

    private static final Set<String> ACCESS_DENIED_CODES = Set.of("ForbiddenException", "AccessDeniedException");

    /** STS refusing the caller's credentials themselves (403): new source credentials may pass. */
    private static final Set<String> SOURCE_CREDENTIALS_CODES = Set.of("ExpiredToken", "InvalidClientTokenId");

    private FailureClassifier() {
    }

    /** Classifies {@code failure} of {@code operation} (for example {@code "CreateToken"}) that happened at {@code at}. */
    public static RefreshFailure classify(String operation, Throwable failure, Instant at) {
        if (failure instanceof AwsServiceException service) {
            return classifyServiceError(operation, service, at);
        }
        Throwable io = ioCause(failure);
        if (io != null) {
            String detail = (io.getMessage() != null) ? ": " + ForeignText.of(io.getMessage()) : "";
            return new RefreshFailure(FailureKind.TRANSIENT, io.getClass().getSimpleName(),
                    operation + " failed: " + io.getClass().getSimpleName() + detail, at, io);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            // the SDK's own message, which names the configured limit and nothing else
            return new RefreshFailure(FailureKind.TRANSIENT, failure.getClass().getSimpleName(),
                    operation + " timed out: " + failure.getMessage(), at, null);
        }
        Throwable unreadable = unreadableAnswer(failure);
        if (unreadable != null) {
            return new RefreshFailure(FailureKind.TRANSIENT, unreadable.getClass().getSimpleName(), operation
                    + " answered with a response that could not be read (" + unreadable.getClass().getSimpleName()
                    + ")", at, null);
        }
        if (failure instanceof SdkClientException) {
            return new RefreshFailure(FailureKind.TRANSIENT, "SdkClientException", operation
                    + " failed before a usable answer arrived (timeout, or a response that could not be read)", at,
                    null);
        }
        return new RefreshFailure(FailureKind.TRANSIENT, failure.getClass().getSimpleName(),
                operation + " failed: " + failure.getClass().getSimpleName(), at, null);
    }

    private static RefreshFailure classifyServiceError(String operation, AwsServiceException service, Instant at) {
        String code = (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null)
                ? ForeignText.of(service.awsErrorDetails().errorCode()) : service.getClass().getSimpleName();
        String serviceMessage = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorMessage() : null;
        String message = operation + " was refused with " + code + " (HTTP " + service.statusCode() + ")"
                + ((serviceMessage != null && !serviceMessage.isBlank()) ? ": " + ForeignText.of(serviceMessage) : "");
        return new RefreshFailure(kindOf(operation, code, service), code, message, at, null);
    }

    /**
     * What to do about a token refresh that IAM Identity Center refused for good ({@link FailureKind#REFRESH_REFUSED}).
     * @param errorType the refusal's error code
     * @param signInCommand the command that signs in again
     */
    public static String refusedRefreshFix(String errorType, String signInCommand) {
        String signIn = "sign in again with `" + signInCommand + "`";
        return switch (errorType) {
            case "AccessDeniedException" -> "IAM Identity Center does not let this user or this client refresh the"
                    + " token: ask an administrator for access, then " + signIn + ".";
            case "InvalidScopeException" -> "IAM Identity Center does not grant the scopes the client registration asks"
                    + " for: correct sso_registration_scopes of the sso-session in ~/.aws/config (or"
                    + " aws.sso.registration-scopes), then " + signIn + ".";
            default -> "IAM Identity Center does not take the refresh request of the client registration: " + signIn
                    + ".";
        };
    }

    private static FailureKind kindOf(String operation, String code, AwsServiceException service) {
        if (SESSION_ENDED_CODES.contains(code) || service.statusCode() == 401) {
            return FailureKind.SESSION_ENDED;
        }
        if (TOKEN_REFRESH.equals(operation) && REFRESH_REFUSED_CODES.contains(code)) {
            return FailureKind.REFRESH_REFUSED;
        }
        if (SOURCE_CREDENTIALS_CODES.contains(code)) {
            return FailureKind.TRANSIENT;
        }
        if (ACCESS_DENIED_CODES.contains(code) || service.statusCode() == 403) {
            return FailureKind.ACCESS_DENIED;
        }
        if (service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500) {
            return FailureKind.TRANSIENT;
        }
        return FailureKind.REJECTED;
    }

    /**
     * The parser exception behind {@code failure} when the answer could not be read (malformed or truncated
     * JSON). Its message may quote the response, so only its type is used.
     */
    private static @Nullable Throwable unreadableAnswer(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getClass().getName().contains(".jackson.")) {
                return cause;
            }
        }
        return null;
    }

    /**
     * The JDK's own I/O exception behind {@code failure} (connection refused or reset, timeouts). Parser
     * exceptions are I/O exceptions too, but their messages may quote the response, so they are left out.
     */
    private static @Nullable Throwable ioCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getClass().getName().startsWith("java.")) {
                return cause;
            }
        }
        return null;
    }
}
