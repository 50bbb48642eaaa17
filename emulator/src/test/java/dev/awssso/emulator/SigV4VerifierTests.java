package dev.awssso.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import dev.awssso.emulator.SigV4Verifier.MalformedSignatureException;
import dev.awssso.emulator.SigV4Verifier.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SigV4Verifier} against requests signed by the SDK's own SigV4 signer.
 */
class SigV4VerifierTests {

    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static final String BODY = "{\"Path\":\"/config/my-app/\",\"Recursive\":true}";

    @Test
    void aRequestSignedByTheSdkMatchesItsSecretKey() {
        Request request = signed(post(URI.create("http://127.0.0.1:8080/")), BODY, "ssm");
        Signature signature = SigV4Verifier.signature(request);

        assertThat(signature).isNotNull();
        assertThat(signature.accessKeyId()).isEqualTo("ASIAEXAMPLE000000001");
        assertThat(signature.region()).isEqualTo("eu-west-1");
        assertThat(signature.service()).isEqualTo("ssm");
        assertThat(signature.signedHeaders()).contains("host", "x-amz-date", "x-amz-security-token", "x-amz-target");
        assertThat(SigV4Verifier.matches(request, signature, SECRET_KEY)).isTrue();
    }

    @Test
    void anotherSecretKeyDoesNotMatch() {
        Request request = signed(post(URI.create("http://127.0.0.1:8080/")), BODY, "ssm");

        assertThat(SigV4Verifier.matches(request, SigV4Verifier.signature(request), SECRET_KEY + "x")).isFalse();
    }

    @Test
    void aChangedBodyOrSignedHeaderDoesNotMatch() {
        Request request = signed(post(URI.create("http://127.0.0.1:8080/")), BODY, "ssm");
        Signature signature = SigV4Verifier.signature(request);
        Request otherBody = new Request(request.requestId(), request.method(), request.path(), request.rawPath(),
                request.rawQuery(), request.query(), request.headers(),
                BODY.replace("my-app", "other-app").getBytes(StandardCharsets.UTF_8), request.form());
        Headers otherHeaders = new Headers();
        otherHeaders.putAll(request.headers());
        otherHeaders.set("X-Amz-Target", "AmazonSSM.GetParameter");
        Request otherTarget = new Request(request.requestId(), request.method(), request.path(), request.rawPath(),
                request.rawQuery(), request.query(), otherHeaders, request.body(), request.form());

        assertThat(SigV4Verifier.matches(otherBody, signature, SECRET_KEY)).isFalse();
        assertThat(SigV4Verifier.matches(otherTarget, signature, SECRET_KEY)).isFalse();
    }

    @Test
    void anEncodedPathAndAnUnsortedQueryAreCanonicalizedAsTheSdkDoes() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
            .uri(URI.create("http://127.0.0.1:8080/assignment/a%20b/./c"))
            .putRawQueryParameter("max_result", "10")
            .putRawQueryParameter("account_id", "1111 2222+3333/*~")
            .putRawQueryParameter("empty", "")
            .build();
        Request request = signed(get, "", "sso");

        assertThat(request.rawQuery()).isNotNull();
        assertThat(SigV4Verifier.matches(request, SigV4Verifier.signature(request), SECRET_KEY)).isTrue();
        assertThat(SigV4Verifier.canonicalRequest(request, SigV4Verifier.signature(request).signedHeaders()))
            .startsWith("GET\n/assignment/a%2520b/c\naccount_id=1111%202222%2B3333%2F%2A~&empty=&max_result=10\n");
    }

    @Test
    void noAuthorizationHeaderIsNoSignature() {
        Request unsigned = request(post(URI.create("http://127.0.0.1:8080/")), new Headers(), BODY);

        assertThat(SigV4Verifier.signature(unsigned)).isNull();
    }

    @Test
    void anIncompleteAuthorizationHeaderIsMalformed() {
        Headers headers = new Headers();
        headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE000000001/20240101/eu-west-1/ssm/"
                + "aws4_request, Signature=" + "0".repeat(64));
        headers.set("X-Amz-Date", "20240101T000000Z");

        assertThatExceptionOfType(MalformedSignatureException.class)
            .isThrownBy(() -> SigV4Verifier.signature(request(post(URI.create("http://127.0.0.1:8080/")), headers, BODY)));
    }

    private static SdkHttpRequest post(URI uri) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AmazonSSM.GetParametersByPath")
            .build();
    }

    /** The request as the SDK signs it, then as the emulator reads it. */
    private static Request signed(SdkHttpRequest request, String body, String service) {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign((sign) -> sign
            .identity(AwsSessionCredentialsIdentity.create("ASIAEXAMPLE000000001", SECRET_KEY, "session-token"))
            .request(request)
            .payload(ContentStreamProvider.fromUtf8String(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC)))
            .request();
        Headers headers = new Headers();
        signed.forEachHeader(headers::put);
        return request(signed, headers, body);
    }

    private static Request request(SdkHttpRequest sent, Headers headers, String body) {
        URI uri = sent.getUri();
        return new Request("request-1", sent.method().name(), uri.getPath(), uri.getRawPath(), uri.getRawQuery(),
                Request.decode(uri.getRawQuery()), headers, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

}
