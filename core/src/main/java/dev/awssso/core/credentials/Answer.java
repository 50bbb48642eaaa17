package dev.awssso.core.credentials;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Credentials as a service answered them, with the service's time of the answer.
 *
 * @param credentials the credentials, with the expiry the service gave, by its clock
 * @param serviceTime the {@code Date} of the answer, or {@code null} when it had none that could be read
 */
record Answer(AwsSessionCredentials credentials, @Nullable Instant serviceTime) {

    /** Credentials answered in {@code response}, dated by its {@code Date} header if it has one. */
    static Answer of(AwsSessionCredentials credentials, @Nullable SdkHttpResponse response) {
        Instant date = (response != null) ? response.firstMatchingHeader("Date").map(Answer::parseDate).orElse(null)
                : null;
        return new Answer(credentials, date);
    }

    private static @Nullable Instant parseDate(String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Answer[expiresAt=" + this.credentials.expirationTime().orElse(null) + ", serviceTime="
                + this.serviceTime + "]";
    }
}
