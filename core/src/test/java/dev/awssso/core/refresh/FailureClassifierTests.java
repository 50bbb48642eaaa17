package dev.awssso.core.refresh;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How refusals of IAM Identity Center are classified: passing ones are retried, an ended session stops the
 * retries until a new sign-in, and a token refresh refused for good stops them too, while a denied role of the
 * portal or STS stays access denied.
 */
class FailureClassifierTests {

    @ParameterizedTest(name = "{0} {1} of {2}")
    @CsvSource({ "500, InternalServerException, CreateToken", "503, ServiceUnavailableException, CreateToken",
            "502, BadGateway, GetRoleCredentials", "500, InternalFailure, AssumeRole" })
    void serverErrorsArePassing(int status, String code, String operation) {
        assertThat(classify(operation, status, code).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest(name = "{0} {1} of {2}")
    @CsvSource({ "429, TooManyRequestsException, GetRoleCredentials", "400, ThrottlingException, CreateToken",
            "400, Throttling, AssumeRole" })
    void throttlingIsPassing(int status, String code, String operation) {
        assertThat(classify(operation, status, code).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest(name = "{0} {1} of {2}")
    @CsvSource({ "400, InvalidGrantException, CreateToken", "401, InvalidClientException, CreateToken",
            "400, ExpiredTokenException, CreateToken", "401, UnauthorizedException, GetRoleCredentials",
            "401, SomethingElse, ListAccounts" })
    void aRefusedRefreshTokenOrARejectedAccessTokenEndsTheSession(int status, String code, String operation) {
        assertThat(classify(operation, status, code).kind()).isEqualTo(FailureKind.SESSION_ENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = { "AccessDeniedException", "InvalidRequestException", "InvalidScopeException",
            "UnsupportedGrantTypeException" })
    void aTokenRefreshRefusedForAReasonARetryDoesNotChangeIsRefusedForGood(String code) {
        RefreshFailure failure = classify("CreateToken", 400, code);

        assertThat(failure.kind()).isEqualTo(FailureKind.REFRESH_REFUSED);
        assertThat(failure.errorType()).isEqualTo(code);
        assertThat(failure.message()).isEqualTo("CreateToken was refused with " + code + " (HTTP 400): refused");
    }

    @Test
    void aDeniedRoleOfThePortalOrOfStsStaysAccessDenied() {
        assertThat(classify("GetRoleCredentials", 403, "ForbiddenException").kind())
            .isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(classify("GetRoleCredentials", 400, "AccessDeniedException").kind())
            .isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(classify("AssumeRole", 403, "AccessDenied").kind()).isEqualTo(FailureKind.ACCESS_DENIED);
    }

    @Test
    void anInvalidRequestOfAnotherOperationStaysRejected() {
        assertThat(classify("GetRoleCredentials", 400, "InvalidRequestException").kind())
            .isEqualTo(FailureKind.REJECTED);
    }

    @ParameterizedTest
    @CsvSource({ "AccessDeniedException, an administrator", "InvalidScopeException, sso_registration_scopes",
            "InvalidRequestException, client registration", "UnsupportedGrantTypeException, client registration" })
    void aRefusedRefreshNamesItsFixAndTheSignInCommand(String code, String fix) {
        assertThat(FailureClassifier.refusedRefreshFix(code, "aws sso login --sso-session my-sso")).contains(fix)
            .contains("sign in again with `aws sso login --sso-session my-sso`");
    }

    private static RefreshFailure classify(String operation, int status, String code) {
        AwsServiceException refusal = AwsServiceException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build())
            .build();
        return FailureClassifier.classify(operation, refusal, Instant.EPOCH);
    }
}
