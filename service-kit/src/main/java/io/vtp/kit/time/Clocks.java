package io.vtp.kit.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one time source of a service: inject {@link Clock} wherever time decides something
 * (expiry, windows, purges) and call {@code Instant.now(clock)}. It ticks in microseconds, the
 * precision PostgreSQL stores, so a value read back equals the value written. Tests replace it
 * (e.g. {@code QuarkusMock.installMockForType(testClock, Clock.class)}).
 */
public class Clocks {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return new MicrosecondClock();
    }

    /**
     * UTC truncated to microseconds. (Not {@code Clock.tick(.., 1 µs)}: JDK 17's tick clock
     * divides by zero in {@code millis()} for ticks under a millisecond.)
     */
    static final class MicrosecondClock extends Clock {
        @Override
        public Instant instant() {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.system(zone);
        }
    }
}
