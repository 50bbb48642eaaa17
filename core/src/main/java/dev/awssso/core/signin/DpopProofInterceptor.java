package dev.awssso.core.signin;

import java.time.Clock;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Adds the {@code DPoP} header to each AWS Sign-In request made with a {@link #KEY}: a proof for the request's own
 * method and URI, as the SDK resolved its endpoint, signed at the time of the request.
 */
public final class DpopProofInterceptor implements ExecutionInterceptor {

    /** The key that signs the proof of a request, given with its override configuration. */
    public static final ExecutionAttribute<DpopKey> KEY = new ExecutionAttribute<>("aws-sso.DpopKey");

    private final Clock clock;

    /** @param clock the clock of the proofs' {@code iat} */
    public DpopProofInterceptor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        DpopKey key = attributes.getAttribute(KEY);
        SdkHttpRequest request = context.httpRequest();
        if (key == null) {
            return request;
        }
        return request.toBuilder()
            .putHeader("DPoP", key.proof(request.method().name(), targetUri(request), this.clock.instant()))
            .build();
    }

    /** The URI of the request without query and fragment, with its port only where it is not the default. */
    static String targetUri(SdkHttpRequest request) {
        boolean defaultPort = SdkHttpUtils.isUsingStandardPort(request.protocol(), request.port());
        return request.protocol() + "://" + request.host() + (defaultPort ? "" : ":" + request.port())
                + request.encodedPath();
    }
}
