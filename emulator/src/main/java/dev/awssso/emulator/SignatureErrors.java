package dev.awssso.emulator;

/**
 * How a service refuses a request whose signature or credentials it does not accept: the error codes and
 * statuses of the AWS query protocol (STS) and of the JSON protocol services (Parameter Store, Secrets Manager).
 */
enum SignatureErrors {

    /** STS. */
    QUERY(403, "MissingAuthenticationToken", "IncompleteSignature", "InvalidClientTokenId", "ExpiredToken",
            "SignatureDoesNotMatch"),

    /** Parameter Store and Secrets Manager. */
    JSON(400, "MissingAuthenticationTokenException", "IncompleteSignatureException", "UnrecognizedClientException",
            "ExpiredTokenException", "InvalidSignatureException");

    private static final String MISMATCH_MESSAGE = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";

    private final int status;

    private final String missing;

    private final String incomplete;

    private final String unrecognized;

    private final String expired;

    private final String mismatch;

    SignatureErrors(int status, String missing, String incomplete, String unrecognized, String expired,
            String mismatch) {
        this.status = status;
        this.missing = missing;
        this.incomplete = incomplete;
        this.unrecognized = unrecognized;
        this.expired = expired;
        this.mismatch = mismatch;
    }

    /** No {@code Authorization} header. */
    ServiceError missing() {
        return new ServiceError(this.status, this.missing, (this == QUERY) ? "Request is missing Authentication Token"
                : "Missing Authentication Token");
    }

    /** An {@code Authorization} header that is not a complete signature. */
    ServiceError incomplete(String message) {
        return new ServiceError(400, this.incomplete, message);
    }

    /** An access key id the emulator did not issue, or a session token that does not go with it. */
    ServiceError unrecognized() {
        return new ServiceError(this.status, this.unrecognized, "The security token included in the request is invalid.");
    }

    /** Credentials past their expiry. */
    ServiceError expired() {
        return new ServiceError(this.status, this.expired, "The security token included in the request is expired");
    }

    /** A signature made with another secret key or over other content. */
    ServiceError mismatch() {
        return new ServiceError(this.status, this.mismatch, MISMATCH_MESSAGE);
    }

    /** A signature scoped to another service. */
    ServiceError wrongService(String service) {
        return new ServiceError(this.status, this.mismatch,
                "Credential should be scoped to correct service: '" + service + "'. ");
    }

}
