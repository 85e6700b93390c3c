package io.vtp.kit.outbox;

import java.util.UUID;

/**
 * CloudEvents ids of the events services publish: time-ordered UUIDs (RFC 9562 version 7, the
 * first 48 bits the Unix time in milliseconds, the other 74 from {@link UUID#randomUUID()}'s secure
 * random). Any UUID is unique; ordered ones also keep every index of event ids (consumers' inbox,
 * analytics' raw events) appending at its right edge instead of writing to a random page of an
 * index that grows with the retention.
 */
public final class EventIds {

    private static final long TIME_BITS = 48;

    private EventIds() {
    }

    /** A new id stamped with {@code epochMillis}. */
    public static UUID timeOrdered(long epochMillis) {
        if (epochMillis < 0 || epochMillis >>> TIME_BITS != 0) {
            throw new IllegalArgumentException("a version 7 UUID holds times from 1970 to 10889, not " + epochMillis);
        }
        UUID random = UUID.randomUUID();
        long high = epochMillis << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
        return new UUID(high, random.getLeastSignificantBits());   // variant bits stay those of randomUUID: 10
    }

    /** The millisecond a {@link #timeOrdered} id was stamped with. */
    public static long millis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException(id + " is not a version 7 UUID");
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
