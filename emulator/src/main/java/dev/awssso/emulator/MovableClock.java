package dev.awssso.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that stands still until moved, for tests that let time pass without waiting: give the same
 * instance to the emulator and to the engine, then {@link #advance} it, as the wall clock of a laptop moves on
 * while it sleeps. Thread-safe; it reads in milliseconds, as {@link System#currentTimeMillis()} does.
 */
public final class MovableClock extends Clock {

    private final AtomicLong millis;

    /** A clock showing {@code start}, truncated to the millisecond. */
    public MovableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** A clock showing the current time, truncated to the millisecond. */
    public static MovableClock startingNow() {
        return new MovableClock(Instant.now());
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration duration) {
        this.millis.addAndGet(duration.toMillis());
    }

    /** Sets the clock to {@code instant}, truncated to the millisecond. */
    public void set(Instant instant) {
        this.millis.set(instant.toEpochMilli());
    }

    @Override
    public long millis() {
        return this.millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(this.millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("A MovableClock reads UTC only");
    }

    @Override
    public String toString() {
        return "MovableClock[" + instant() + "]";
    }
}
