package dev.awssso.emulator;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * Admits only requests signed with role credentials the emulator issued and that have not expired, as the AWS
 * services do: the access key id must be known, the session token must be the one issued with it, the credentials
 * must not have expired, and the SigV4 signature must have been made with their secret access key for the service.
 */
final class CallerAuthenticator {

    private final RoleCredentialsRegistry credentials;

    private final Clock clock;

    CallerAuthenticator(RoleCredentialsRegistry credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Who signed a request.
     * @param service the signing name of the service, such as {@code sts} or {@code ssm}
     * @param errors how the service refuses a request
     * @throws ServiceError if the request is not admitted
     */
    Caller authenticate(Request request, String service, SignatureErrors errors) {
        SigV4Verifier.Signature signature;
        try {
            signature = SigV4Verifier.signature(request);
        }
        catch (SigV4Verifier.MalformedSignatureException ex) {
            throw errors.incomplete(ex.getMessage());
        }
        if (signature == null) {
            throw errors.missing();
        }
        String sessionToken = request.header("X-Amz-Security-Token");
        IssuedCredentials caller = this.credentials.find(signature.accessKeyId())
            .filter((issued) -> issued.sessionToken().equals(sessionToken))
            .orElseThrow(errors::unrecognized);
        if (!this.clock.instant().isBefore(caller.expiresAt())) {
            throw errors.expired();
        }
        if (!signature.service().equals(service)) {
            throw errors.wrongService(service);
        }
        if (!SigV4Verifier.matches(request, signature, caller.secretAccessKey())) {
            throw errors.mismatch();
        }
        return new Caller(caller, signature.region());
    }

    /** The handler, answering only requests that {@link #authenticate} admits. */
    Function<Request, Reply> signed(String service, SignatureErrors errors, Function<Request, Reply> handler) {
        return (request) -> {
            authenticate(request, service, errors);
            return handler.apply(request);
        };
    }

    /** The handler, told who signed each request that {@link #authenticate} admits. */
    Function<Request, Reply> signedBy(String service, SignatureErrors errors,
            BiFunction<Request, Caller, Reply> handler) {
        return (request) -> handler.apply(request, authenticate(request, service, errors));
    }

    /**
     * The signer of a request.
     * @param credentials the role credentials it was signed with
     * @param region the region it was signed for
     */
    record Caller(IssuedCredentials credentials, String region) {

        String accountId() {
            return this.credentials.accountId();
        }

    }

}
