package io.vtp.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand, to reach expiry and purge paths without editing rows. Install it in
 * a @QuarkusTest with {@code QuarkusMock.installMockForType(clock, Clock.class)} (the services'
 * {@code Clock} bean is application scoped); the mock is removed after each test.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start.truncatedTo(ChronoUnit.MICROS);
    }

    /** A clock at the current time. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    public MutableClock advance(Duration by) {
        now = now.plus(by);
        return this;
    }

    public MutableClock set(Instant instant) {
        now = instant.truncatedTo(ChronoUnit.MICROS);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
