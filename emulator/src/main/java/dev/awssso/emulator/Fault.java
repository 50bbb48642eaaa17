package dev.awssso.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * A failure the emulator produces instead of (or before) its normal answer, injected with
 * {@link IdentityCenterEmulator#injectFault(Operation, Fault)}. Immutable.
 */
public final class Fault {

    /** The kinds of fault. */
    enum Kind {
        STATUS, DELAY, HOLD, CONNECTION_RESET, MALFORMED_JSON
    }

    private static final int UNLIMITED = 0;

    private final Kind kind;

    private final int httpStatus;

    private final @Nullable String errorType;

    private final Duration delay;

    private final @Nullable CountDownLatch release;

    private final int times;

    private final @Nullable String accountId;

    private Fault(Kind kind, int httpStatus, @Nullable String errorType, Duration delay,
            @Nullable CountDownLatch release, int times, @Nullable String accountId) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.delay = delay;
        this.release = release;
        this.times = times;
        this.accountId = accountId;
    }

    /**
     * An error answer as the service would send it: the given HTTP status, header
     * {@code x-amzn-ErrorType: errorType} and the operation's error body (for STS, an XML error with that code).
     * @param httpStatus HTTP status, 400 to 599
     * @param errorType error shape name, for example {@code ServiceUnavailableException}
     * @return the fault
     */
    public static Fault status(int httpStatus, String errorType) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be between 400 and 599, was " + httpStatus);
        }
        Objects.requireNonNull(errorType, "errorType");
        return new Fault(Kind.STATUS, httpStatus, errorType, Duration.ZERO, null, UNLIMITED, null);
    }

    /**
     * The normal answer, but only after the given delay.
     * @param delay how long to wait before answering, not negative
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, delay, null, UNLIMITED, null);
    }

    /**
     * The normal answer, but only once {@code release} is counted down: the call is held on the wire while a
     * test does something else, without any timing. The answer is made after the release, from the state then.
     * {@link IdentityCenterEmulator#callCount(Operation)} counts the call as soon as it is held.
     * @param release the latch that lets the answer go
     * @return the fault
     */
    public static Fault holdUntil(CountDownLatch release) {
        Objects.requireNonNull(release, "release");
        return new Fault(Kind.HOLD, 0, null, Duration.ZERO, release, UNLIMITED, null);
    }

    /**
     * No answer: the connection is closed as soon as the request has been read. Note that
     * {@code HttpURLConnection} (used by {@code UrlConnectionHttpClient}) silently sends a {@code GET} once more
     * after such a close, so one SDK attempt of a portal operation makes two requests.
     * @return the fault
     */
    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, 0, null, Duration.ZERO, null, UNLIMITED, null);
    }

    /**
     * HTTP 200 with a truncated body (truncated XML for STS).
     * @return the fault
     */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, null, Duration.ZERO, null, UNLIMITED, null);
    }

    /**
     * This fault for the next {@code n} calls only. Without it a fault applies until
     * {@link IdentityCenterEmulator#clearFaults()}.
     * @param n number of calls, at least 1
     * @return a copy of this fault limited to {@code n} calls
     */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        return new Fault(this.kind, this.httpStatus, this.errorType, this.delay, this.release, n, this.accountId);
    }

    /**
     * This fault only for the calls that name the account, as the portal's {@code GetRoleCredentials} and
     * {@code ListAccountRoles} do; calls for other accounts are answered normally and do not use it up.
     * @param accountId the account id
     * @return a copy of this fault limited to calls for the account
     */
    public Fault forAccount(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return new Fault(this.kind, this.httpStatus, this.errorType, this.delay, this.release, this.times,
                accountId);
    }

    Kind kind() {
        return this.kind;
    }

    int httpStatus() {
        return this.httpStatus;
    }

    String errorType() {
        return Objects.requireNonNull(this.errorType, "errorType");
    }

    Duration delay() {
        return this.delay;
    }

    CountDownLatch release() {
        return Objects.requireNonNull(this.release, "release");
    }

    /**
     * The number of calls this fault applies to, or 0 for all calls until cleared.
     */
    int callLimit() {
        return this.times;
    }

    /**
     * Whether this fault applies to a call for the account, {@code null} for a call that names none.
     */
    boolean appliesTo(@Nullable String accountId) {
        return this.accountId == null || this.accountId.equals(accountId);
    }

    @Override
    public String toString() {
        String what = switch (this.kind) {
            case STATUS -> "status " + this.httpStatus + " " + this.errorType;
            case DELAY -> "delay " + this.delay;
            case HOLD -> "held until released";
            case CONNECTION_RESET -> "connection reset";
            case MALFORMED_JSON -> "malformed JSON";
        };
        return "Fault[" + what + ((this.times != UNLIMITED) ? ", " + this.times + " times" : "")
                + ((this.accountId != null) ? ", account " + this.accountId : "") + "]";
    }

}
