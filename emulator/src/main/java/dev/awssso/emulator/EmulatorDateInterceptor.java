package dev.awssso.emulator;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Dates the emulator's answers by its own clock, as AWS dates its answers by AWS's: the JDK's HTTP server stamps
 * {@code Date} with the system clock, so the emulator sends its clock's time in {@value #HEADER} and this
 * interceptor puts it in {@code Date}. The AWS SDK loads it into every client of the JVM from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}; answers of anything else pass unchanged.
 * A client that measures the clock skew from {@code Date}, as the SDK's signer does, then sees an emulator whose
 * clock moves with a test's.
 */
public final class EmulatorDateInterceptor implements ExecutionInterceptor {

    /** The header that carries the time of the emulator's clock. */
    public static final String HEADER = "X-Emulator-Date";

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
            ExecutionAttributes executionAttributes) {
        SdkHttpResponse response = context.httpResponse();
        return response.firstMatchingHeader(HEADER)
            .map((date) -> response.toBuilder().putHeader("Date", date).build())
            .orElse(response);
    }
}
