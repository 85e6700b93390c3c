package io.vtp.kit.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event ids are RFC 9562 version 7 UUIDs: they carry their millisecond, sort by it, and never repeat. */
class EventIdsTest {

    @Test
    void anIdIsAVersion7UuidOfItsMillisecond() {
        long now = System.currentTimeMillis();
        for (long millis : new long[] {0, 1, now, (1L << 48) - 1}) {
            UUID id = EventIds.timeOrdered(millis);
            assertEquals(7, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            assertEquals(millis, EventIds.millis(id));
            assertEquals(String.format("%012x", millis), id.toString().replace("-", "").substring(0, 12));
        }
    }

    @Test
    void idsSortByTheirTimeAsTextAndAsPostgresqlCompares() {
        List<String> texts = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < 10_000; i++) {
            texts.add(EventIds.timeOrdered(start + i).toString());
        }
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(null);   // hex text order is the unsigned byte order of PostgreSQL's uuid
        assertEquals(texts, sorted);
    }

    @Test
    void idsOfTheSameMillisecondAreDistinct() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(ids.add(EventIds.timeOrdered(1_700_000_000_000L)));
        }
    }

    @Test
    void timesAVersion7UuidCannotHoldAndOtherVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventIds.timeOrdered(-1));
        assertThrows(IllegalArgumentException.class, () -> EventIds.timeOrdered(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> EventIds.millis(UUID.randomUUID()));
    }
}
