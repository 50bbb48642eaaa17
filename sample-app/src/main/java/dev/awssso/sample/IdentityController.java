package dev.awssso.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import software.amazon.awssdk.core.exception.SdkException;

/** {@code GET /identity}: who the application is to AWS right now. */
@RestController
class IdentityController {

    private final IdentityService identity;

    IdentityController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/identity")
    CallerIdentity identity() {
        return this.identity.callerIdentity();
    }

    /** AWS could not be called; the SDK's and the starter's messages say why and never hold a secret. */
    @ExceptionHandler(SdkException.class)
    ProblemDetail awsUnavailable(SdkException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("AWS call failed");
        return problem;
    }
}
