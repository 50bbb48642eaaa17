package dev.awssso.core.refresh;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How refusals of STS {@code AssumeRole} are classified: a trust policy that does not allow the caller is access
 * denied; source credentials STS does not take (expired, unknown) are passing, since new ones may pass.
 */
class FailureClassifierStsTests {

    @Test
    void aDeniedAssumeRoleIsAccessDenied() {
        assertThat(classify(403, "AccessDenied").kind()).isEqualTo(FailureKind.ACCESS_DENIED);
    }

    @Test
    void sourceCredentialsStsDoesNotTakeArePassing() {
        assertThat(classify(403, "ExpiredToken").kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(403, "InvalidClientTokenId").kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aValidationErrorIsRejected() {
        RefreshFailure failure = classify(400, "ValidationError");

        assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(failure.message()).isEqualTo("AssumeRole was refused with ValidationError (HTTP 400): refused");
    }

    private static RefreshFailure classify(int status, String code) {
        AwsServiceException refusal = AwsServiceException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build())
            .build();
        return FailureClassifier.classify("AssumeRole", refusal, Instant.EPOCH);
    }
}
